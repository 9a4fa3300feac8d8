package spd.runtime.reg;

import spd.runtime.nn.Dense;

/**
 * Variational dropout parameterized by W and log alpha with the local reparameterization trick (the
 * reference's {@code LinearSVDO}): log sigma = log alpha/2 + log(|W| + 1e-16) is clamped to [-10, 10], i.e.
 * sigma^2 = alpha (|W| + 1e-16)^2 clamped to [e^-20, e^20], with no gradient where clamped; the KL uses log
 * alpha itself.
 */
final class LocalVariationalLayer extends LocalReparameterizationLayer {
  private static final double SIGMA2_MIN = Math.exp(-2 * LIMIT);
  private static final double SIGMA2_MAX = Math.exp(2 * LIMIT);
  private final float[] alpha;
  private final float[] klExp;

  LocalVariationalLayer(Dense layer, double threshold) {
    super(layer, "log_alpha", threshold);
    int n = (int) layer.weights().length();
    this.alpha = new float[n];
    this.klExp = new float[n];
  }

  @Override
  protected void prepareWeights(float[] w, float[] logAlpha, float klScale) {
    int n = w.length;
    float[] sigma2 = variance.values();
    ElementMath.exp(logAlpha, alpha, n);
    ElementMath.exp(logAlpha, (float) -MolchanovKl.K3, (float) -MolchanovKl.K2, klExp, n);
    for (int i = 0; i < n; i++) {
      double magnitude = Math.abs(w[i]) + ABS_OFFSET;
      double s2 = alpha[i] * magnitude * magnitude;
      boolean unclamped = s2 > SIGMA2_MIN && s2 < SIGMA2_MAX;
      float clamped = (float) Math.max(SIGMA2_MIN, Math.min(SIGMA2_MAX, s2));
      float sign = w[i] > 0 ? 1f : (w[i] < 0 ? -1f : 0f);
      sigma2[i] = clamped;
      varianceSlopeParameter[i] = unclamped ? clamped : 0f;
      varianceSlopeWeight[i] = unclamped ? (float) (2 * clamped * sign / magnitude) : 0f;
      klParameter[i] = MolchanovKl.slope(klExp[i], 1 / (1 + alpha[i])) * klScale;
      klWeight[i] = 0f;
    }
  }

  @Override
  protected void logAlpha(float[] w, float[] logAlpha, float[] out) {
    System.arraycopy(logAlpha, 0, out, 0, out.length);
  }
}

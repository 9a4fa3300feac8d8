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

  LocalVariationalLayer(Dense layer, double threshold) {
    super(layer, "log_alpha", threshold);
  }

  @Override
  protected void prepareWeights(float[] w, float[] logAlpha, float klScale) {
    float[] sigma2 = variance.values();
    for (int i = 0; i < w.length; i++) {
      float magnitude = Math.abs(w[i]) + ABS_OFFSET;
      double alpha = Math.exp(logAlpha[i]);
      double s2 = alpha * magnitude * magnitude;
      boolean unclamped = s2 > SIGMA2_MIN && s2 < SIGMA2_MAX;
      float clamped = (float) Math.max(SIGMA2_MIN, Math.min(SIGMA2_MAX, s2));
      sigma2[i] = clamped;
      varianceSlopeParameter[i] = unclamped ? clamped : 0f;
      varianceSlopeWeight[i] = unclamped ? 2 * clamped * Math.signum(w[i]) / magnitude : 0f;
      klParameter[i] = (float) (MolchanovKl.slope(logAlpha[i], 1 / (1 + alpha)) * klScale);
      klWeight[i] = 0f;
    }
  }

  @Override
  protected void logAlpha(float[] w, float[] logAlpha, float[] out) {
    System.arraycopy(logAlpha, 0, out, 0, out.length);
  }
}

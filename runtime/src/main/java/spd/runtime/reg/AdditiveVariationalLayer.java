package spd.runtime.reg;

import spd.runtime.nn.Dense;

/**
 * Variational dropout parameterized by W and log sigma (the reference's {@code LinearSVDOAdditiveReparam}):
 * sigma^2 = exp(2 log sigma) feeds the local reparameterization trick unclamped, while log alpha = 2 log sigma
 * - 2 log(|W| + 1e-16) is clamped to [-10, 10] for the KL and evaluation, so the KL has no gradient outside.
 */
final class AdditiveVariationalLayer extends LocalReparameterizationLayer {
  private final float[] magnitude;
  private final float[] logMagnitude;
  private final float[] rawLogAlpha;
  private final float[] clampedLogAlpha;
  private final float[] klExp;

  AdditiveVariationalLayer(Dense layer, double threshold) {
    super(layer, "log_sigma", threshold);
    int n = (int) layer.weights().length();
    this.magnitude = new float[n];
    this.logMagnitude = new float[n];
    this.rawLogAlpha = new float[n];
    this.clampedLogAlpha = new float[n];
    this.klExp = new float[n];
  }

  @Override
  protected void prepareWeights(float[] w, float[] logSigma, float klScale) {
    int n = w.length;
    float[] sigma2 = variance.values();
    ElementMath.exp(logSigma, 2f, 0f, sigma2, n);
    for (int i = 0; i < n; i++) {
      magnitude[i] = Math.abs(w[i]) + ABS_OFFSET;
    }
    ElementMath.log(magnitude, klExp, logMagnitude, n); // klExp is the scratch of the exponents here
    for (int i = 0; i < n; i++) {
      float raw = 2 * logSigma[i] - 2 * logMagnitude[i];
      rawLogAlpha[i] = raw;
      clampedLogAlpha[i] = clamp(raw);
    }
    ElementMath.exp(clampedLogAlpha, (float) -MolchanovKl.K3, (float) -MolchanovKl.K2, klExp, n);
    for (int i = 0; i < n; i++) {
      float a = magnitude[i];
      boolean unclamped = inside(rawLogAlpha[i]);
      float inverseOnePlusAlpha = a * a / (a * a + sigma2[i]); // 1/(1 + alpha), alpha = sigma^2/a^2
      float slope = MolchanovKl.slope(klExp[i], inverseOnePlusAlpha) * klScale;
      float sign = w[i] > 0 ? 1f : (w[i] < 0 ? -1f : 0f);
      klParameter[i] = unclamped ? 2 * slope : 0f;
      klWeight[i] = unclamped ? -2 * slope * sign / a : 0f;
      varianceSlopeWeight[i] = 0f;
      varianceSlopeParameter[i] = 2 * sigma2[i];
    }
  }

  @Override
  protected void logAlpha(float[] w, float[] logSigma, float[] out) {
    for (int i = 0; i < w.length; i++) {
      out[i] = clamp(2 * logSigma[i] - 2 * (float) Math.log(Math.abs(w[i]) + ABS_OFFSET));
    }
  }
}

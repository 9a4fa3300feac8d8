package spd.runtime.reg;

import spd.runtime.nn.Dense;

/**
 * Variational dropout parameterized by W and log sigma (the reference's {@code LinearSVDOAdditiveReparam}):
 * sigma^2 = exp(2 log sigma) feeds the local reparameterization trick unclamped, while log alpha = 2 log sigma
 * - 2 log(|W| + 1e-16) is clamped to [-10, 10] for the KL and evaluation, so the KL has no gradient outside.
 */
final class AdditiveVariationalLayer extends LocalReparameterizationLayer {
  AdditiveVariationalLayer(Dense layer, double threshold) {
    super(layer, "log_sigma", threshold);
  }

  @Override
  protected void prepareWeights(float[] w, float[] logSigma, float klScale) {
    float[] sigma2 = variance.values();
    for (int i = 0; i < w.length; i++) {
      float magnitude = Math.abs(w[i]) + ABS_OFFSET;
      float s2 = (float) Math.exp(2 * logSigma[i]);
      sigma2[i] = s2;
      varianceSlopeWeight[i] = 0f;
      varianceSlopeParameter[i] = 2 * s2;
      float rawLogAlpha = 2 * logSigma[i] - 2 * (float) Math.log(magnitude);
      if (inside(rawLogAlpha)) {
        double alpha = s2 / ((double) magnitude * magnitude);
        double slope = MolchanovKl.slope(rawLogAlpha, 1 / (1 + alpha)) * klScale;
        klParameter[i] = (float) (2 * slope);
        klWeight[i] = (float) (-2 * slope * Math.signum(w[i]) / magnitude);
      } else {
        klParameter[i] = 0f;
        klWeight[i] = 0f;
      }
    }
  }

  @Override
  protected void logAlpha(float[] w, float[] logSigma, float[] out) {
    for (int i = 0; i < w.length; i++) {
      out[i] = clamp(2 * logSigma[i] - 2 * (float) Math.log(Math.abs(w[i]) + ABS_OFFSET));
    }
  }
}

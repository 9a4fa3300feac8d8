package spd.runtime.reg;

import spd.runtime.nn.WeightedLayer;

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

    AdditiveVariationalLayer(WeightedLayer layer, double threshold) {
        super(layer, "log_sigma", threshold);
        int n = (int) layer.weights().length();
        this.magnitude = new float[n];
        this.logMagnitude = new float[n];
        this.rawLogAlpha = new float[n];
        this.clampedLogAlpha = new float[n];
        this.klExp = new float[n];
    }

    /**
     * The per-weight work of a step as whole-array passes without branches, which the JIT vectorizes, and one
     * last pass that zeroes the KL gradient where the clamp of log alpha is active. d log(|w| + 1e-16)/dw =
     * sign(w)/(|w| + 1e-16) is written w/(|w| + 1e-16)^2: the same in float for |w| >> 1e-16, and 0 at w = 0 as
     * in PyTorch.
     */
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
            clampedLogAlpha[i] = Math.max(-LIMIT, Math.min(LIMIT, raw));
        }
        ElementMath.exp(clampedLogAlpha, (float) -MolchanovKl.K3, (float) -MolchanovKl.K2, klExp, n);
        float klSlope = (float) (-MolchanovKl.K1 * MolchanovKl.K3);
        for (int i = 0; i < n; i++) {
            float a2 = magnitude[i] * magnitude[i];
            float inverseOnePlusAlpha = a2 / (a2 + sigma2[i]); // 1/(1 + alpha), alpha = sigma^2/a^2
            float s = 1 / (1 + klExp[i]);
            float slope = (klSlope * s * (1 - s) - 0.5f * inverseOnePlusAlpha) * klScale;
            klParameter[i] = 2 * slope;
            klWeight[i] = -2 * slope * w[i] / a2;
            varianceSlopeParameter[i] = 2 * sigma2[i];
        }
        for (int i = 0; i < n; i++) {
            if (!inside(rawLogAlpha[i])) {
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

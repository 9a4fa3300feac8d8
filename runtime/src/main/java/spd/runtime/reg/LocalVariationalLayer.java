package spd.runtime.reg;

import spd.runtime.nn.WeightedLayer;

/**
 * Variational dropout parameterized by W and log alpha with the local reparameterization trick (the
 * reference's {@code LinearSVDO}): log sigma = log alpha/2 + log(|W| + 1e-16) is clamped to [-10, 10], i.e.
 * sigma^2 = alpha (|W| + 1e-16)^2 clamped to [e^-20, e^20], with no gradient where clamped; the KL uses log
 * alpha itself.
 */
final class LocalVariationalLayer extends LocalReparameterizationLayer {
    private static final float SIGMA2_MIN = (float) Math.exp(-2 * LIMIT);
    private static final float SIGMA2_MAX = (float) Math.exp(2 * LIMIT);
    private final float[] alpha;
    private final float[] rawSigma2;
    private final float[] klExp;

    LocalVariationalLayer(WeightedLayer layer, double threshold) {
        super(layer, "log_alpha", threshold);
        int n = (int) layer.weights().length();
        this.alpha = new float[n];
        this.rawSigma2 = new float[n];
        this.klExp = new float[n];
    }

    /**
     * The per-weight work of a step as whole-array passes without branches, which the JIT vectorizes, and one
     * last pass that zeroes the variance's slopes where the clamp of log sigma is active; sign(w)/(|w| + 1e-16)
     * is written w/(|w| + 1e-16)^2 (see {@link AdditiveVariationalLayer}).
     */
    @Override
    protected void prepareWeights(float[] w, float[] logAlpha, float klScale) {
        int n = w.length;
        float[] sigma2 = variance.values();
        ElementMath.exp(logAlpha, alpha, n);
        ElementMath.exp(logAlpha, (float) -MolchanovKl.K3, (float) -MolchanovKl.K2, klExp, n);
        float klSlope = (float) (-MolchanovKl.K1 * MolchanovKl.K3);
        for (int i = 0; i < n; i++) {
            float magnitude = Math.abs(w[i]) + ABS_OFFSET;
            float a2 = magnitude * magnitude;
            float s2 = alpha[i] * a2;
            rawSigma2[i] = s2;
            float clamped = Math.max(SIGMA2_MIN, Math.min(SIGMA2_MAX, s2));
            sigma2[i] = clamped;
            varianceSlopeParameter[i] = clamped;
            varianceSlopeWeight[i] = 2 * clamped * w[i] / a2;
            float s = 1 / (1 + klExp[i]);
            klParameter[i] = (klSlope * s * (1 - s) - 0.5f / (1 + alpha[i])) * klScale;
        }
        for (int i = 0; i < n; i++) {
            if (!(rawSigma2[i] > SIGMA2_MIN && rawSigma2[i] < SIGMA2_MAX)) {
                varianceSlopeParameter[i] = 0f;
                varianceSlopeWeight[i] = 0f;
            }
        }
    }

    @Override
    protected void logAlpha(float[] w, float[] logAlpha, float[] out) {
        System.arraycopy(logAlpha, 0, out, 0, out.length);
    }
}

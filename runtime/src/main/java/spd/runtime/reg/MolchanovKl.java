package spd.runtime.reg;

/**
 * The approximate KL divergence of variational dropout (Molchanov, Ashukha, Vetrov 2017) between the
 * posterior N(w, alpha w^2) and the log-uniform prior, as a function of log alpha:
 *
 * <pre>
 *   KL(log alpha) = k1 - k1 sigmoid(k2 + k3 log alpha) + (1/2) log(1 + 1/alpha),
 *   k1 = 0.63576, k2 = 1.87320, k3 = 1.48695.
 * </pre>
 *
 * <p>It keeps the constant k1 that the reference code drops, so KL >= 0 and a pruned weight (alpha -> infinity)
 * costs nothing; gradients are the same.
 */
final class MolchanovKl {
    static final double K1 = 0.63576;
    static final double K2 = 1.87320;
    static final double K3 = 1.48695;

    private MolchanovKl() {}

    /** KL at {@code logAlpha}, stable for any finite value. */
    static double value(double logAlpha) {
        return K1 - K1 * sigmoid(K2 + K3 * logAlpha) + 0.5 * softplus(-logAlpha);
    }

    /**
     * dKL/d(log alpha) = -k1 k3 s (1 - s) - (1/2) sigmoid(-log alpha) with s = sigmoid(k2 + k3 log alpha); the
     * caller passes sigmoid(-log alpha) = 1/(1 + alpha), which it usually has already.
     */
    static double slope(double logAlpha, double inverseOnePlusAlpha) {
        double s = 1 / (1 + Math.exp(-(K2 + K3 * logAlpha)));
        return -K1 * K3 * s * (1 - s) - 0.5 * inverseOnePlusAlpha;
    }

    /**
     * The same slope from e = exp(-(k2 + k3 log alpha)) and 1/(1 + alpha), in float for the fused per-weight
     * loops, which get e from {@link ElementMath#exp(float[], float, float, float[], int)}.
     */
    static float slope(float e, float inverseOnePlusAlpha) {
        float s = 1 / (1 + e);
        return (float) (-K1 * K3) * s * (1 - s) - 0.5f * inverseOnePlusAlpha;
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** log(1 + e^x) without overflow. */
    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}

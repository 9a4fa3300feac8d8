package spd.runtime.reg;

import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.base.StepWeightFunction;
import spd.runtime.base.WeightFunction;

/** Factories for the regularizers of the core runtime, named as the language names them. */
public final class Regularizers {
    private Regularizers() {}

    /** A classical penalty: P(W) summed into the loss, P'(W) added to the gradient. */
    public static Regularizer penalty(WeightFunction value, WeightFunction gradient) {
        return new ClassicalPenalty(value, gradient);
    }

    /** Adaptive scaled-Bernoulli DropConnect with keep recomputed every step. */
    public static Regularizer bernoulli(WeightFunction keep) {
        return new BernoulliDropConnect(keep, 1);
    }

    /** Adaptive scaled-Bernoulli DropConnect with keep recomputed every {@code refreshEvery} steps. */
    public static Regularizer bernoulli(WeightFunction keep, int refreshEvery) {
        return new BernoulliDropConnect(keep, refreshEvery);
    }

    /** Non-adaptive scaled-Bernoulli DropConnect with a fixed keep probability (ridge in expectation). */
    public static Regularizer bernoulliFixed(double keep) {
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("a fixed keep probability must be in (0, 1], got " + keep);
        }
        return new BernoulliDropConnect(w -> Nd4j.valueArrayOf(w.shape(), (float) keep), 0);
    }

    /** A Gaussian multiplicative mask 1 + sqrt(v(W)) xi, with v recomputed every step. */
    public static Regularizer gaussian(WeightFunction variance) {
        return new GaussianMask(variance, 1);
    }

    /** A Gaussian multiplicative mask with v recomputed every {@code refreshEvery} steps. */
    public static Regularizer gaussian(WeightFunction variance, int refreshEvery) {
        return new GaussianMask(variance, refreshEvery);
    }

    /** Adaptive Tikhonov with the keep probability clamped below at {@code minKeep}. */
    public static Regularizer tikhonov(WeightFunction keep, double minKeep) {
        return new AdaptiveTikhonov(keep, minKeep);
    }

    /** Adaptive proximal shrinking with the given step-size scale. */
    public static Regularizer prox(StepWeightFunction keep, ProxScale scale) {
        return new AdaptiveProx(keep, scale);
    }
}

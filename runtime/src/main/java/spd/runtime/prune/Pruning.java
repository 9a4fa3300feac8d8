package spd.runtime.prune;

import spd.runtime.base.WeightFunction;

/**
 * A declared rule that decides which weights count as zero at evaluation. Evaluation really zeroes them, and
 * the nonzero fraction counts the weights that remain.
 */
public sealed interface Pruning {
    /** No weight is pruned (weights that are exactly zero still count as zero). */
    record None() implements Pruning {}

    /** Zero a weight when keep(W) < threshold, with keep supplied by generated code. */
    record KeepBelow(WeightFunction keep, double threshold) implements Pruning {}

    /** Zero a weight when the regularizer's own (e.g. learned) keep probability is below the threshold. */
    record LearnedKeepBelow(double threshold) implements Pruning {}

    /** Zero a weight when |w| < threshold. */
    record MagnitudeBelow(double threshold) implements Pruning {}

    /** Zero a weight when the regularizer's log alpha (variational dropout) exceeds the threshold. */
    record LogAlphaAbove(double threshold) implements Pruning {}

    /** No pruning. */
    static Pruning none() {
        return new None();
    }

    /** Prune where keep(W) < threshold. */
    static Pruning keepBelow(WeightFunction keep, double threshold) {
        return new KeepBelow(keep, threshold);
    }

    /** Prune where the regularizer's own keep probability is below the threshold. */
    static Pruning learnedKeepBelow(double threshold) {
        return new LearnedKeepBelow(threshold);
    }

    /** Prune where |w| < threshold. */
    static Pruning magnitudeBelow(double threshold) {
        return new MagnitudeBelow(threshold);
    }

    /** Prune where log alpha > threshold. */
    static Pruning logAlphaAbove(double threshold) {
        return new LogAlphaAbove(threshold);
    }
}

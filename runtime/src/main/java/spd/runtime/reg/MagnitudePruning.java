package spd.runtime.reg;

import spd.runtime.nn.WeightedLayer;

/**
 * Gradual magnitude pruning (Zhu and Gupta 2017; theory.md table row 13): the layer's sparsity ramps from 0 at
 * the start of epoch {@code firstEpoch} to {@code target} at the end of epoch {@code lastEpoch} (1-based, as
 * written in the {@code .spd} file); every {@code every} steps of the ramp (and at its last step) the
 * smallest-|w| weights of the layer are zeroed until the current sparsity is reached. The mask only grows, is
 * reapplied after every update (and to the gradient) so pruned weights stay zero, and is checkpointed.
 *
 * @param target the final fraction of zero weights, in [0, 1)
 * @param ramp how the sparsity grows with the progress through the ramp
 * @param firstEpoch the 1-based epoch whose start begins the ramp
 * @param lastEpoch the 1-based epoch whose end ends it, >= firstEpoch
 * @param every the number of steps between two pruning events, >= 1
 */
public record MagnitudePruning(double target, Ramp ramp, int firstEpoch, int lastEpoch, int every)
        implements Regularizer {

    /** How the sparsity s_t grows with the progress p in [0, 1] through the ramp. */
    public enum Ramp {
        /** s_t = s_f (1 - (1 - p)^3): prune fast while many redundant weights remain (Zhu and Gupta). */
        CUBIC,
        /** s_t = s_f p. */
        LINEAR;

        /** The sparsity at progress {@code progress} (clipped to [0, 1]) towards {@code target}. */
        public double sparsity(double target, double progress) {
            double p = Math.max(0, Math.min(1, progress));
            return switch (this) {
                case CUBIC -> target * (1 - Math.pow(1 - p, 3));
                case LINEAR -> target * p;
            };
        }
    }

    /** Checks the ranges. */
    public MagnitudePruning {
        if (!(target >= 0 && target < 1)) {
            throw new IllegalArgumentException("the target sparsity must be in [0, 1), got " + target);
        }
        if (firstEpoch < 1 || lastEpoch < firstEpoch) {
            throw new IllegalArgumentException(
                    "the pruning epochs must satisfy 1 <= first <= last, got %d..%d".formatted(firstEpoch, lastEpoch));
        }
        if (every < 1) {
            throw new IllegalArgumentException("pruning must happen every >= 1 steps, got " + every);
        }
    }

    /** Cubic ramp from epoch {@code firstEpoch} to {@code lastEpoch}, pruning every {@code every} steps. */
    public static MagnitudePruning cubic(double target, int firstEpoch, int lastEpoch, int every) {
        return new MagnitudePruning(target, Ramp.CUBIC, firstEpoch, lastEpoch, every);
    }

    /** Linear ramp from epoch {@code firstEpoch} to {@code lastEpoch}, pruning every {@code every} steps. */
    public static MagnitudePruning linear(double target, int firstEpoch, int lastEpoch, int every) {
        return new MagnitudePruning(target, Ramp.LINEAR, firstEpoch, lastEpoch, every);
    }

    /** Any ramp. */
    public static MagnitudePruning of(double target, Ramp ramp, int firstEpoch, int lastEpoch, int every) {
        return new MagnitudePruning(target, ramp, firstEpoch, lastEpoch, every);
    }

    @Override
    public String kind() {
        return "magnitude";
    }

    @Override
    public LayerRegularizer attach(WeightedLayer layer) {
        return new MagnitudePruningLayer(this, layer);
    }
}

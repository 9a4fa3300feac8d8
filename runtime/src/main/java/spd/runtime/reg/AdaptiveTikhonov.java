package spd.runtime.reg;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import spd.runtime.base.WeightFunction;
import spd.runtime.nn.WeightedLayer;

/**
 * Adaptive Tikhonov (theory.md 4.2): the expected-loss term of a Bernoulli mask without sampling,
 * penalty = 1/2 sum ((1 - a)/a) W^2 with a = max(keep(W), minKeep) recomputed from the current weights every
 * step and held constant when differentiating, so the gradient is ((1 - a)/a) W.
 */
public record AdaptiveTikhonov(WeightFunction keep, double minKeep) implements Regularizer {
    /** Checks the floor. */
    public AdaptiveTikhonov {
        if (!(minKeep > 0 && minKeep <= 1)) {
            throw new IllegalArgumentException("min_keep must be in (0, 1], got " + minKeep);
        }
    }

    @Override
    public String kind() {
        return "tikhonov";
    }

    @Override
    public LayerRegularizer attach(WeightedLayer layer) {
        return new State(layer);
    }

    /** The per-layer state: none beyond the layer. */
    private final class State implements LayerRegularizer {
        private final WeightedLayer layer;

        State(WeightedLayer layer) {
            this.layer = layer;
        }

        @Override
        public WeightedLayer layer() {
            return layer;
        }

        /**
         * (1 - a)/a = 1/a - 1 for the clamped keep a, as a new array; the clamp writes a new array, so whatever
         * the generated rule returned (possibly a cached constant) is never modified.
         */
        private INDArray coefficient(INDArray weights) {
            INDArray alpha = keep.apply(weights);
            KeepProbabilities.requireValid(alpha, layer, "tikhonov");
            return Transforms.max(alpha, minKeep, true).rdivi(1.0).subi(1.0);
        }

        @Override
        public void backwardWeights(INDArray gradient) {
            INDArray weights = layer.weights();
            gradient.addi(coefficient(weights).muli(weights));
        }

        @Override
        public double penalty() {
            INDArray weights = layer.weights();
            INDArray scaled = coefficient(weights).muli(weights);
            return 0.5 * Nd4j.getBlasWrapper().dot(scaled, weights);
        }
    }
}

package spd.runtime.reg;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import spd.runtime.base.WeightFunction;
import spd.runtime.nn.WeightedLayer;

/**
 * A Gaussian multiplicative mask m = 1 + sqrt(v(W)) * xi with xi ~ N(0, 1), sampled every step; the
 * variance v is recomputed from the current weights every {@code refreshEvery} steps (0: only once).
 */
public record GaussianMask(WeightFunction variance, int refreshEvery) implements Regularizer {
    @Override
    public String kind() {
        return "gaussian";
    }

    @Override
    public LayerRegularizer attach(WeightedLayer layer) {
        return new State(layer);
    }

    /** The per-layer mask state; the mask parameter held is the standard deviation sqrt(v). */
    private final class State extends MaskedWeights {
        State(WeightedLayer layer) {
            super(layer, refreshEvery, "std");
        }

        @Override
        protected void refreshParameter(INDArray weights, INDArray out) {
            // sqrt into a new array: the rule's result (possibly a cached constant) is never modified.
            out.assign(Transforms.sqrt(variance.apply(weights), true));
        }

        @Override
        protected void sample(StepContext step, INDArray weights, INDArray mask, INDArray effective) {
            Nd4j.getExecutioner().exec(new GaussianDistribution(mask, 0.0, 1.0), step.random());
            mask.muli(maskParameter).addi(1.0);
            weights.mul(mask, effective);
        }
    }
}

package spd.runtime.reg;

import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.base.StepWeightFunction;
import spd.runtime.nn.WeightedLayer;

/**
 * Adaptive proximal shrinking (theory.md 4.2, AdaProx): after every optimizer step, W <- keep(W, step) * W,
 * the prox of the reweighted Tikhonov term, with keep supplied by generated code (e.g. eta/(eta + step *
 * lambda)) and the step size chosen by {@link ProxScale}.
 */
public record AdaptiveProx(StepWeightFunction keep, ProxScale scale) implements Regularizer {
    @Override
    public String kind() {
        return scale == ProxScale.PLAIN ? "prox" : "prox_adam";
    }

    @Override
    public LayerRegularizer attach(WeightedLayer layer) {
        return new State(layer);
    }

    /** The per-layer state: the step-size buffer. */
    private final class State implements LayerRegularizer {
        private final WeightedLayer layer;
        private final INDArray stepSize;

        State(WeightedLayer layer) {
            this.layer = layer;
            this.stepSize = Buffers.persistentLike(layer.weights());
        }

        @Override
        public WeightedLayer layer() {
            return layer;
        }

        @Override
        public void afterUpdate(StepContext step) {
            switch (scale) {
                case PLAIN -> stepSize.assign(step.learningRate());
                case OPTIMIZER -> step.stepSize(layer.weight(), stepSize);
            }
            INDArray weights = layer.weights();
            INDArray factor = keep.apply(weights, stepSize);
            KeepProbabilities.requireValid(factor, layer, "prox");
            weights.muli(factor);
        }

        /** keep(W, step) with the step sizes of the last update: the shrink factor the next step would apply. */
        @Override
        public Optional<INDArray> keepProbability() {
            return Optional.of(keep.apply(layer.weights(), stepSize));
        }

        @Override
        public Map<String, INDArray> state() {
            return Map.of("step_size", stepSize);
        }
    }
}

package spd.runtime.reg;

import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.base.WeightFunction;
import spd.runtime.nn.WeightedLayer;

/**
 * A classical penalty {@code sum_ij P(W_ij)} added to the loss, with P and P' supplied element-wise by
 * generated code (weight and constants included, e.g. P(w) = lambda * log(1 + |w|/eps)).
 *
 * <p>The gradient is added every step. The value only enters the reported loss, so it is evaluated when
 * {@link LayerRegularizer#penalty()} is asked (once per epoch), not every step: transcendental functions over
 * every weight cost as much as a forward pass here.
 */
public record ClassicalPenalty(WeightFunction value, WeightFunction gradient) implements Regularizer {
    @Override
    public String kind() {
        return "penalty";
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

        @Override
        public void backwardWeights(INDArray weightGradient) {
            weightGradient.addi(gradient.apply(layer.weights()));
        }

        @Override
        public double penalty() {
            return value.apply(layer.weights()).sumNumber().doubleValue();
        }
    }
}

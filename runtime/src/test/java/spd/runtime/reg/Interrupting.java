package spd.runtime.reg;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.nn.Parameter;
import spd.runtime.nn.WeightedLayer;

/**
 * A regularizer that behaves exactly like another until the first step of epoch {@code failAtEpoch}, where
 * it throws: the run stops as a crash would, leaving the checkpoint of the last finished epoch.
 */
record Interrupting(Regularizer inner, int failAtEpoch) implements Regularizer {
    /** The failure a test expects. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash(int epoch) {
            super("simulated crash at epoch " + epoch);
        }
    }

    @Override
    public String kind() {
        return inner.kind();
    }

    @Override
    public LayerRegularizer attach(WeightedLayer layer) {
        LayerRegularizer state = inner.attach(layer);
        return new LayerRegularizer() {
            @Override
            public WeightedLayer layer() {
                return state.layer();
            }

            @Override
            public List<Parameter> parameters() {
                return state.parameters();
            }

            @Override
            public Map<String, INDArray> state() {
                return state.state();
            }

            @Override
            public void initialise(long seed) {
                state.initialise(seed);
            }

            @Override
            public void beforeStep(StepContext step) {
                if (step.epoch() == failAtEpoch) {
                    throw new Crash(failAtEpoch);
                }
                state.beforeStep(step);
            }

            @Override
            public INDArray trainingWeights() {
                return state.trainingWeights();
            }

            @Override
            public void forward(INDArray input, INDArray output) {
                state.forward(input, output);
            }

            @Override
            public void backward(INDArray input, INDArray gradOutput, INDArray gradInput) {
                state.backward(input, gradOutput, gradInput);
            }

            @Override
            public void backwardWeights(INDArray gradient) {
                state.backwardWeights(gradient);
            }

            @Override
            public double penalty() {
                return state.penalty();
            }

            @Override
            public void afterUpdate(StepContext step) {
                state.afterUpdate(step);
            }

            @Override
            public INDArray evaluationWeights() {
                return state.evaluationWeights();
            }

            @Override
            public Optional<INDArray> keepProbability() {
                return state.keepProbability();
            }

            @Override
            public Optional<INDArray> logAlpha() {
                return state.logAlpha();
            }
        };
    }
}

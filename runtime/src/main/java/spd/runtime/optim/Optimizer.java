package spd.runtime.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.nn.Parameter;

/** Updates parameters in place from their gradients; its state is checkpointed with the model. */
public interface Optimizer {
    /** One update of every parameter at learning rate {@code lr}; gradients may be overwritten. */
    void update(List<Parameter> parameters, double lr);

    /** Writes the per-element step size of the last update of {@code parameter} into {@code out}. */
    void stepSize(Parameter parameter, double lr, INDArray out);

    /** The number of updates done so far. */
    long steps();

    /** A copy of the optimizer's state arrays by name, for a checkpoint. */
    Map<String, INDArray> snapshot();

    /** Restores the state from a checkpoint's arrays (those {@link #snapshot()} named) and update count. */
    void restore(Map<String, INDArray> arrays, long steps);

    /** Creates the optimizer a spec declares, for the given parameters. */
    static Optimizer create(OptimizerSpec spec, List<Parameter> parameters) {
        return switch (spec) {
            case OptimizerSpec.Adam adam -> new Adam(adam, parameters);
            case OptimizerSpec.Sgd ignored -> new Sgd();
        };
    }
}

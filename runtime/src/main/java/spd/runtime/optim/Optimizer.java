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

  /** The arrays of the optimizer's state by name (live; restored in place) for checkpoints. */
  Map<String, INDArray> state();

  /** Restores the update count after the state arrays were restored. */
  void restoreSteps(long steps);

  /** Creates the optimizer a spec declares, for the given parameters. */
  static Optimizer create(OptimizerSpec spec, List<Parameter> parameters) {
    return switch (spec) {
      case OptimizerSpec.Adam adam -> new Adam(adam, parameters);
      case OptimizerSpec.Sgd ignored -> new Sgd();
    };
  }
}

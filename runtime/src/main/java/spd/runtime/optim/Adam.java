package spd.runtime.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Parameter;
import spd.runtime.reg.Buffers;

/**
 * Adam with PyTorch's semantics, computed by ND4J's fused native Adam op.
 *
 * <p>PyTorch: w -= lr/(1 - b1^t) * m / (sqrt(v)/sqrt(1 - b2^t) + eps). ND4J's op computes w -= lr sqrt(1 -
 * b2^t)/(1 - b1^t) * m / (sqrt(v) + eps'), which is the same update when eps' = eps sqrt(1 - b2^t); so each
 * step passes that eps'. The op writes the update into the gradient buffer, which is then subtracted.
 */
public final class Adam implements Optimizer {
  private final OptimizerSpec.Adam spec;
  private final Map<Parameter, Moments> moments = new LinkedHashMap<>();
  private long steps;

  /** First and second moment buffers of one parameter. */
  private record Moments(INDArray first, INDArray second) {}

  /** Adam for the given parameters with zero moments. */
  public Adam(OptimizerSpec.Adam spec, List<Parameter> parameters) {
    this.spec = spec;
    for (Parameter parameter : parameters) {
      INDArray value = parameter.value();
      moments.put(parameter, new Moments(Buffers.persistentLike(value), Buffers.persistentLike(value)));
    }
  }

  @Override
  public void update(List<Parameter> parameters, double lr) {
    int iteration = (int) steps; // the op's bias correction uses iteration + 1 = t
    double t = steps + 1;
    double epsilon = spec.eps() * Math.sqrt(1 - Math.pow(spec.beta2(), t));
    for (Parameter parameter : parameters) {
      Moments m = moments.get(parameter);
      INDArray gradient = parameter.gradient();
      Nd4j.exec(
          new AdamUpdater(
              gradient, m.second(), m.first(), lr, spec.beta1(), spec.beta2(), epsilon, iteration));
      parameter.value().subi(gradient);
    }
    steps++;
  }

  /** lr / (sqrt(v_hat) + eps) with v_hat = v / (1 - b2^t) after the last update (t = steps). */
  @Override
  public void stepSize(Parameter parameter, double lr, INDArray out) {
    double correction = 1 - Math.pow(spec.beta2(), Math.max(steps, 1));
    Nd4j.exec(new Sqrt(moments.get(parameter).second(), out));
    out.muli(1 / Math.sqrt(correction)).addi(spec.eps()).rdivi(lr);
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public Map<String, INDArray> state() {
    Map<String, INDArray> state = new LinkedHashMap<>();
    moments.forEach(
        (parameter, m) -> {
          state.put("adam.m." + parameter.name(), m.first());
          state.put("adam.v." + parameter.name(), m.second());
        });
    return state;
  }

  @Override
  public void restoreSteps(long value) {
    this.steps = value;
  }
}

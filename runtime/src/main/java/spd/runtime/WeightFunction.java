package spd.runtime;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An element-wise rule over a weight matrix that generated code supplies, such as eta_hat(W), keep(W) or a
 * penalty gradient.
 *
 * <p>Contract: the function must not modify its argument, and returns a new array of the same shape (or a
 * view it owns). The runtime calls it once per step (or as declared), so it should use in-place operations on
 * its own temporaries where it can.
 */
@FunctionalInterface
public interface WeightFunction {
  /** Applies the rule element-wise to {@code w}. */
  INDArray apply(INDArray w);
}

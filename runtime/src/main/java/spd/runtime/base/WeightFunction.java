package spd.runtime.base;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An element-wise rule over a weight matrix that generated code supplies, such as eta_hat(W), keep(W) or a
 * penalty gradient.
 *
 * <p>Contract: the function must not modify its argument and returns an array of the same shape; the runtime
 * never modifies that result. The runtime calls it once per step (or as declared) inside a workspace that is
 * reset after the step, so temporaries are cheap; in-place operations on its own temporaries still save
 * memory passes.
 */
@FunctionalInterface
public interface WeightFunction {
    /** Applies the rule element-wise to {@code w}. */
    INDArray apply(INDArray w);
}

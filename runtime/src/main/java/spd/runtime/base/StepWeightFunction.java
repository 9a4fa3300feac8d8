package spd.runtime.base;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An element-wise rule over a weight matrix and the optimizer's per-element step size, used by the adaptive
 * proximal rule: keep(W, step) = eta(W) / (eta(W) + step * lambda).
 *
 * <p>Contract: the function must modify neither argument and returns an array of the same shape, which the
 * runtime never modifies.
 */
@FunctionalInterface
public interface StepWeightFunction {
    /** Applies the rule element-wise to {@code w} with the per-element step size {@code step}. */
    INDArray apply(INDArray w, INDArray step);
}

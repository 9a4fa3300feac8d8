package spd.runtime.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer with weights, whose pre-activation is linear in them: {@code z = input (x) W + b}, a matrix
 * product for {@link Dense}, a convolution for {@link Conv2d}. The {@link WeightProduct} attached to it (its
 * regularizer) computes the training product through {@link #product} and {@link #productBackward}, with
 * whatever effective weights its rule uses (W times a mask, or a variance for the local reparameterization
 * trick), so every rule acts on every such layer alike.
 */
public sealed interface WeightedLayer extends Layer permits Dense, Conv2d {
    /** The layer's name, e.g. {@code fc1} or {@code conv2}. */
    String name();

    /** The declaration of this layer. */
    LayerSpec.Weighted spec();

    /** The weight parameter. */
    Parameter weight();

    /** The current weights, used in place. */
    default INDArray weights() {
        return weight().value();
    }

    /** The bias parameter, or null when the layer has none. */
    Parameter bias();

    /**
     * Binds the layer's training weight product (its regularizer); the trainer calls this once, with a neutral
     * one for unregularized layers.
     */
    void attach(WeightProduct value);

    /** The layer's trainable parameters: W, b if present, then the weight product's own. */
    List<Parameter> parameters();

    /** {@code output = input (x) weights} (no bias), for any weights shaped like W; output is overwritten. */
    void product(INDArray input, INDArray weights, INDArray output);

    /**
     * The gradients of {@link #product} given dL/d(output): dL/d(input) into {@code gradInput} (skipped when
     * null) and dL/d(weights) into {@code gradWeights}; both are overwritten.
     */
    void productBackward(
            INDArray input, INDArray weights, INDArray gradOutput, INDArray gradInput, INDArray gradWeights);

    /** The evaluation forward pass with explicit (e.g. pruned) weights; returns a new output array. */
    INDArray forwardWith(INDArray evaluationWeights, INDArray input);
}

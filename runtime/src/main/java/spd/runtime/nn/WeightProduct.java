package spd.runtime.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a layer multiplies its input by its weights during training: the hook a regularizer plugs into a layer
 * (a mask, weight noise, the local reparameterization trick). The layer knows only this interface, so
 * {@code nn} does not depend on the regularizers that implement it ({@code reg.LayerRegularizer}).
 */
public interface WeightProduct {
    /** Training forward product without the bias: {@code output = input . W_eff}. */
    void forward(INDArray input, INDArray output);

    /**
     * Training backward product: given dL/d(output) of {@link #forward}, writes dL/d(input) into {@code
     * gradInput} (null when the layer needs none) and fills the gradients of the layer's weight and of {@link
     * #parameters()}.
     */
    void backward(INDArray input, INDArray gradOutput, INDArray gradInput);

    /** Trainable parameters the product owns beyond the layer's weight and bias (e.g. a log-variance). */
    List<Parameter> parameters();
}

package spd.runtime.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer of a running network. Activations are {@code [batch, n]} for vectors and {@code [batch, c, h, w]}
 * for images (C order, so flattening is a reshape without a copy).
 */
public sealed interface Layer permits WeightedLayer, MaxPool2d, Flatten {
    /** The training forward pass; returns this layer's output buffer for the batch size of {@code input}. */
    INDArray forwardTraining(INDArray input);

    /**
     * The backward pass after {@link #forwardTraining} on {@code input}: fills the parameter gradients and
     * returns dL/d(input), or null when {@code needInputGradient} is false. {@code gradOutput} may be
     * overwritten.
     */
    INDArray backward(INDArray input, INDArray gradOutput, boolean needInputGradient);

    /** The shape of one example after this layer. */
    List<Integer> outputShape();

    /** The shape of this layer's output for a batch: {@code [batch, ...outputShape]}. */
    default long[] batchShape(int batch) {
        List<Integer> shape = outputShape();
        long[] dims = new long[shape.size() + 1];
        dims[0] = batch;
        for (int i = 0; i < shape.size(); i++) {
            dims[i + 1] = shape.get(i);
        }
        return dims;
    }
}

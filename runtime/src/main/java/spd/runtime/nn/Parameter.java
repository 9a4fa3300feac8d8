package spd.runtime.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable array and its gradient buffer of the same shape. The backward pass writes the gradient; the
 * optimizer reads it and updates the value in place. Names are unique within a network (e.g. {@code fc1.W},
 * {@code fc1.b}, {@code fc1.log_sigma2}) and key the checkpoint.
 */
public final class Parameter {
    private final String name;
    private final INDArray value;
    private final INDArray gradient;

    private Parameter(String name, INDArray value) {
        this.name = name;
        this.value = value;
        this.gradient = Nd4j.zeros(DataType.FLOAT, value.shape());
    }

    /** A parameter holding {@code value} (float32, c-order, used in place) with a zero gradient. */
    public static Parameter of(String name, INDArray value) {
        if (value.dataType() != DataType.FLOAT || value.ordering() != 'c' || value.isView()) {
            throw new IllegalArgumentException(name + " must be a float32, c-ordered array that is not a view");
        }
        return new Parameter(name, value);
    }

    /** The unique name, e.g. {@code fc1.W}. */
    public String name() {
        return name;
    }

    /** The current value; updated in place. */
    public INDArray value() {
        return value;
    }

    /** The gradient of the training objective with respect to the value, as of the last backward pass. */
    public INDArray gradient() {
        return gradient;
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(value.shape());
    }
}

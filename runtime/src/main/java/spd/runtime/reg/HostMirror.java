package spd.runtime.reg;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Java-heap copy of a persistent float32 ND4J array, moved by bulk copies: the rules' fused element-wise
 * loops run over {@link #values()}, which the JIT vectorizes, instead of a chain of native ops that each read
 * and write the whole array (on LeNet-300-100 one native op costs about as much as a whole fused loop).
 */
final class HostMirror {
    private final INDArray array;
    private final FloatBuffer view;
    private final float[] values;

    private HostMirror(INDArray array) {
        if (array.dataType() != DataType.FLOAT || array.ordering() != 'c' || array.isView()) {
            throw new IllegalArgumentException("a host mirror needs a float32, c-ordered array that is not a view");
        }
        this.array = array;
        this.view = array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.values = new float[(int) array.length()];
    }

    /** A mirror of {@code array}, which must outlive the mirror (a parameter or a persistent buffer). */
    static HostMirror of(INDArray array) {
        return new HostMirror(array);
    }

    /** The mirrored ND4J array. */
    INDArray array() {
        return array;
    }

    /** The heap values, as of the last {@link #load()} or as the loop left them. */
    float[] values() {
        return values;
    }

    /** Copies the ND4J array into the heap values and returns them. */
    float[] load() {
        view.get(0, values, 0, values.length);
        return values;
    }

    /** Copies the heap values back into the ND4J array. */
    void store() {
        view.put(0, values, 0, values.length);
    }

    /**
     * Copies any array of the same length (e.g. a workspace temporary a generated rule returned) into {@code
     * into}, converting to float32 if needed.
     */
    static void copy(INDArray from, float[] into) {
        if (from.length() != into.length) {
            throw new IllegalArgumentException(
                    "an element-wise rule returned %d values for %d weights; it must keep the shape of its argument"
                            .formatted(from.length(), into.length));
        }
        INDArray dense = from.isView() || from.ordering() != 'c' || from.dataType() != DataType.FLOAT
                ? from.castTo(DataType.FLOAT).dup('c')
                : from;
        dense.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().get(0, into, 0, into.length);
    }
}

package spd.runtime.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies between the elements of a contiguous C-order ND4J array (float32 or float64, also a block of
 * rows of one) and Java arrays, through a direct buffer over its native memory: the convolution's Java loops
 * (im2col, col2im, pooling) run over Java arrays, which the JIT compiles to tight, vectorized code. Copies of
 * distinct ranges may run on several threads at once.
 */
final class NativeElements {
    private NativeElements() {}

    /** Whether {@code array}'s elements are contiguous in C order (a c-ordered array or a block of its rows). */
    static boolean contiguous(INDArray array) {
        return array.ordering() == 'c' && (array.length() <= 1 || array.elementWiseStride() == 1);
    }

    private static ByteBuffer bytes(INDArray array) {
        if (!contiguous(array)) {
            throw new IllegalArgumentException("a native view needs an array contiguous in C order");
        }
        int width = array.dataType().width();
        int start = Math.toIntExact(array.offset() * width);
        ByteBuffer all = array.data().asNio();
        return all.limit(start + Math.toIntExact(array.length() * width))
                .position(start)
                .slice()
                .order(ByteOrder.nativeOrder());
    }

    /** The elements of a float32 array. */
    static FloatBuffer floats(INDArray array) {
        requireType(array, DataType.FLOAT);
        return bytes(array).asFloatBuffer();
    }

    /** The elements of a float64 array. */
    static DoubleBuffer doubles(INDArray array) {
        requireType(array, DataType.DOUBLE);
        return bytes(array).asDoubleBuffer();
    }

    private static void requireType(INDArray array, DataType type) {
        if (array.dataType() != type) {
            throw new IllegalArgumentException("expected a " + type + " array, got " + array.dataType());
        }
    }
}

package spd.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The float32 convolution at LeNet-5's second layer: the same products as libnd4j's conv2d and conv2d_bp,
 * and bit-for-bit the same results at one thread and at two (chunks are fixed by the shape, and the kernel
 * gradients of the chunks are added in chunk order); max pooling against libnd4j's, and its ties as PyTorch
 * breaks them.
 */
class Im2colConvolutionTest {
    private static final ImageShape INPUT = new ImageShape(20, 12, 12);
    private static final int FILTERS = 50;
    private static final Kernel KERNEL = Kernel.of(5);
    private static final int BATCH = 13;

    private record Result(float[] output, float[] gradInput, float[] gradWeights) {}

    private static INDArray random(SplittableRandom random, long... shape) {
        float[] values = new float[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(values, shape, 'c');
    }

    private static final SplittableRandom RANDOM = new SplittableRandom(5);
    private static final INDArray X = random(RANDOM, BATCH, 20, 12, 12);
    private static final INDArray W = random(RANDOM, FILTERS, 20, 5, 5);
    private static final INDArray G = random(RANDOM, BATCH, FILTERS, 8, 8);

    private static Result im2col(int chunkElements, int threads) {
        Im2colConvolution convolution = new Im2colConvolution(INPUT, FILTERS, KERNEL, chunkElements, threads);
        INDArray out = Nd4j.create(DataType.FLOAT, BATCH, FILTERS, 8, 8);
        INDArray gradX = Nd4j.create(DataType.FLOAT, X.shape());
        INDArray gradW = Nd4j.create(DataType.FLOAT, W.shape());
        convolution.forward(X, W, out);
        convolution.backward(X, W, G, gradX, gradW);
        return new Result(
                out.data().asFloat(), gradX.data().asFloat(), gradW.data().asFloat());
    }

    @Test
    void matchesLibnd4jsConvolution() {
        INDArray out = Nd4j.create(DataType.FLOAT, BATCH, FILTERS, 8, 8);
        INDArray gradX = Nd4j.create(DataType.FLOAT, X.shape());
        INDArray gradW = Nd4j.create(DataType.FLOAT, W.shape());
        LibNd4jConvOps.conv(X, W, out, KERNEL);
        LibNd4jConvOps.convBackward(X, W, G, gradX, gradW, KERNEL);
        Result ours = im2col(3 * 500 * 64, 1);
        assertClose(out.data().asFloat(), ours.output());
        assertClose(gradX.data().asFloat(), ours.gradInput());
        assertClose(gradW.data().asFloat(), ours.gradWeights());
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        int chunkElements = 4 * 500 * 64; // four images per chunk: 4 chunks, the last one shorter
        Result one = im2col(chunkElements, 1);
        Result two = im2col(chunkElements, 2);
        assertArrayEquals(one.output(), two.output());
        assertArrayEquals(one.gradInput(), two.gradInput());
        assertArrayEquals(one.gradWeights(), two.gradWeights());
    }

    @Test
    void poolingMatchesLibnd4jAndSendsATiesGradientToItsFirstEntry() {
        INDArray x = Transforms.relu(random(new SplittableRandom(9), 4, 3, 8, 8), true);
        INDArray g = random(new SplittableRandom(10), 4, 3, 4, 4);
        Kernel window = Kernel.of(2).stride(2);
        INDArray expected = Nd4j.create(DataType.FLOAT, 4, 3, 4, 4);
        INDArray actual = Nd4j.create(DataType.FLOAT, 4, 3, 4, 4);
        LibNd4jConvOps.maxPool(x, expected, window);
        MaxPooling.of(x, window).forward(x, actual);
        assertArrayEquals(expected.data().asFloat(), actual.data().asFloat());
        x.assign(0); // every window a tie
        INDArray gradX = Nd4j.create(DataType.FLOAT, x.shape());
        MaxPooling.of(x, window).backward(x, g, gradX);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(g.getFloat(1, 2, i, j), gradX.getFloat(1, 2, 2 * i, 2 * j), "window " + i + ", " + j);
            }
        }
        assertEquals(g.sumNumber().doubleValue(), gradX.sumNumber().doubleValue(), 1e-4);
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        double scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * scale, "entry " + i);
        }
    }
}

package spd.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolution and max pooling in double precision on small shapes: the forward passes against direct loops
 * over the definitions, the backward passes against central differences of L = sum(G * out) for a random G.
 * The convolution runs one image per chunk on two threads, so the parallel path is the one checked.
 */
class ConvOpsTest {
    private static final double H = 1e-6;

    /** Kernels with and without stride and padding, over a 2-channel 7x6 image. */
    static Kernel[] kernels() {
        return new Kernel[] {
            Kernel.of(3),
            Kernel.of(3).stride(2),
            Kernel.of(3).padding(1),
            Kernel.of(2).stride(2).padding(1),
            Kernel.of(1)
        };
    }

    private static INDArray random(SplittableRandom random, long... shape) {
        INDArray array = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < array.length(); i++) {
            array.putScalar(i, random.nextGaussian());
        }
        return array;
    }

    /** out[b, f, i, j] = sum over c, u, v of x_padded[b, c, i s + u, j s + v] W[f, c, u, v]. */
    private static double direct(INDArray x, INDArray w, Kernel k, int b, int f, int i, int j) {
        double sum = 0;
        for (int c = 0; c < x.size(1); c++) {
            for (int u = 0; u < k.size(); u++) {
                for (int v = 0; v < k.size(); v++) {
                    int row = i * k.stride() + u - k.padding();
                    int column = j * k.stride() + v - k.padding();
                    if (row >= 0 && row < x.size(2) && column >= 0 && column < x.size(3)) {
                        sum += x.getDouble(b, c, row, column) * w.getDouble(f, c, u, v);
                    }
                }
            }
        }
        return sum;
    }

    /** One image per chunk on two threads: the chunked, parallel path and the in-order sum of kernel gradients. */
    private static Im2colConvolution convolution(INDArray x, INDArray w, Kernel k) {
        return new Im2colConvolution(
                new ImageShape((int) x.size(1), (int) x.size(2), (int) x.size(3)), (int) w.size(0), k, 1, 2);
    }

    private static INDArray convOf(INDArray x, INDArray w, Kernel k) {
        INDArray out = Nd4j.create(
                DataType.DOUBLE, x.size(0), w.size(0), k.output((int) x.size(2)), k.output((int) x.size(3)));
        convolution(x, w, k).forward(x, w, out);
        return out;
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void convolutionMatchesItsDefinition(Kernel k) {
        SplittableRandom random = new SplittableRandom(1);
        INDArray x = random(random, 2, 2, 7, 6);
        INDArray w = random(random, 3, 2, k.size(), k.size());
        INDArray out = convOf(x, w, k);
        for (int b = 0; b < 2; b++) {
            for (int f = 0; f < 3; f++) {
                for (int i = 0; i < out.size(2); i++) {
                    for (int j = 0; j < out.size(3); j++) {
                        assertEquals(direct(x, w, k, b, f, i, j), out.getDouble(b, f, i, j), 1e-12);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void convolutionGradientsMatchFiniteDifferences(Kernel k) {
        SplittableRandom random = new SplittableRandom(2);
        INDArray x = random(random, 2, 2, 7, 6);
        INDArray w = random(random, 3, 2, k.size(), k.size());
        INDArray g = random(random, 2, 3, k.output(7), k.output(6));
        INDArray gradX = Nd4j.create(DataType.DOUBLE, x.shape());
        INDArray gradW = Nd4j.create(DataType.DOUBLE, w.shape());
        convolution(x, w, k).backward(x, w, g, gradX, gradW);
        ToDoubleFunction<Void> loss =
                unused -> convOf(x, w, k).mul(g).sumNumber().doubleValue();
        assertMatchesDifferences(x, gradX, loss);
        assertMatchesDifferences(w, gradW, loss);
    }

    private static INDArray poolOf(INDArray x, Kernel k) {
        INDArray out = Nd4j.create(
                DataType.DOUBLE, x.size(0), x.size(1), k.output((int) x.size(2)), k.output((int) x.size(3)));
        MaxPooling.of(x, k).forward(x, out);
        return out;
    }

    static Kernel[] windows() {
        return new Kernel[] {
            Kernel.of(2).stride(2),
            Kernel.of(3).stride(2),
            Kernel.of(3).stride(3),
            Kernel.of(2).stride(1)
        };
    }

    @ParameterizedTest
    @MethodSource("windows")
    void maxPoolingMatchesItsDefinitionAndRoutesGradientsToTheMaxima(Kernel k) {
        SplittableRandom random = new SplittableRandom(3);
        INDArray x = random(random, 2, 3, 7, 6);
        INDArray out = poolOf(x, k);
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < out.size(2); i++) {
                    for (int j = 0; j < out.size(3); j++) {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int u = 0; u < k.size(); u++) {
                            for (int v = 0; v < k.size(); v++) {
                                max = Math.max(max, x.getDouble(b, c, i * k.stride() + u, j * k.stride() + v));
                            }
                        }
                        assertEquals(max, out.getDouble(b, c, i, j), 0);
                    }
                }
            }
        }
        INDArray g = random(random, out.shape());
        INDArray gradX = Nd4j.create(DataType.DOUBLE, x.shape());
        MaxPooling.of(x, k).backward(x, g, gradX);
        assertMatchesDifferences(
                x, gradX, unused -> poolOf(x, k).mul(g).sumNumber().doubleValue());
    }

    /** Every entry of {@code analytic} against the central difference of {@code loss} in that entry of {@code value}. */
    static void assertMatchesDifferences(INDArray value, INDArray analytic, ToDoubleFunction<Void> loss) {
        int checked = 0;
        for (long i = 0; i < value.length(); i++) {
            double original = value.getDouble(i);
            value.putScalar(i, original + H);
            double plus = loss.applyAsDouble(null);
            value.putScalar(i, original - H);
            double minus = loss.applyAsDouble(null);
            value.putScalar(i, original);
            double numeric = (plus - minus) / (2 * H);
            assertEquals(numeric, analytic.getDouble(i), 1e-6 * (1 + Math.abs(numeric)), "entry " + i);
            checked++;
        }
        assertTrue(checked > 0);
    }
}

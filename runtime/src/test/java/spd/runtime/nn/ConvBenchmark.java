package spd.runtime.nn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The convolutions of LeNet-5-Caffe at batch 128 (forward and backward of both conv layers), libnd4j's ops
 * against im2col + sgemm at several chunk sizes and thread counts, and the max pooling of both pooling layers
 * (forward and backward), interleaved round by round in one process;
 * prints the best round of each as milliseconds of wall and of process CPU time. Run by hand:
 * {@code java -cp <runtime test classpath> spd.runtime.nn.ConvBenchmark [rounds] [repetitions]}.
 */
public final class ConvBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int BATCH = 128;

    private record Layer(ImageShape input, int filters, Kernel kernel, boolean inputGradient) {
        ImageShape output() {
            return new ImageShape(filters, kernel.output(input.height()), kernel.output(input.width()));
        }
    }

    private static final List<Layer> LENET5 = List.of(
            new Layer(new ImageShape(1, 28, 28), 20, Kernel.of(5), false),
            new Layer(new ImageShape(20, 12, 12), 50, Kernel.of(5), true));

    /** One way to compute a layer's forward and backward products. */
    private interface Variant {
        void forward(int layer, INDArray x, INDArray w, INDArray y);

        void backward(int layer, INDArray x, INDArray w, INDArray g, INDArray gx, INDArray gw);
    }

    private static Variant libnd4j() {
        return new Variant() {
            @Override
            public void forward(int layer, INDArray x, INDArray w, INDArray y) {
                LibNd4jConvOps.conv(x, w, y, LENET5.get(layer).kernel());
            }

            @Override
            public void backward(int layer, INDArray x, INDArray w, INDArray g, INDArray gx, INDArray gw) {
                LibNd4jConvOps.convBackward(x, w, g, gx, gw, LENET5.get(layer).kernel());
            }
        };
    }

    private static Variant im2col(int chunkElements, int threads) {
        List<Im2colConvolution> layers = LENET5.stream()
                .map(l -> new Im2colConvolution(l.input(), l.filters(), l.kernel(), chunkElements, threads))
                .toList();
        return new Variant() {
            @Override
            public void forward(int layer, INDArray x, INDArray w, INDArray y) {
                layers.get(layer).forward(x, w, y);
            }

            @Override
            public void backward(int layer, INDArray x, INDArray w, INDArray g, INDArray gx, INDArray gw) {
                layers.get(layer).backward(x, w, g, LENET5.get(layer).inputGradient() ? gx : null, gw);
            }
        };
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("libnd4j conv2d", libnd4j());
        for (int chunk : new int[] {1 << 15, 1 << 17, 1 << 19, 1 << 30}) {
            variants.put("im2col chunk " + chunk + " 1 thread", im2col(chunk, 1));
        }
        variants.put("im2col chunk " + (1 << 17) + " 2 threads", im2col(1 << 17, 2));
        SplittableRandom random = new SplittableRandom(7);
        List<INDArray[]> arrays = new ArrayList<>();
        for (Layer l : LENET5) {
            INDArray x = randn(
                    random,
                    BATCH,
                    l.input().channels(),
                    l.input().height(),
                    l.input().width());
            INDArray w = randn(
                    random,
                    l.filters(),
                    l.input().channels(),
                    l.kernel().size(),
                    l.kernel().size());
            INDArray y = Nd4j.create(
                    DataType.FLOAT,
                    BATCH,
                    l.filters(),
                    l.output().height(),
                    l.output().width());
            INDArray g = randn(random, y.shape());
            arrays.add(new INDArray[] {
                x, w, y, g, Nd4j.create(DataType.FLOAT, x.shape()), Nd4j.create(DataType.FLOAT, w.shape())
            });
        }
        List<INDArray[]> pools = new ArrayList<>();
        for (long[] shape : new long[][] {{BATCH, 20, 24, 24}, {BATCH, 50, 8, 8}}) {
            INDArray x = randn(random, shape);
            INDArray y = Nd4j.create(DataType.FLOAT, shape[0], shape[1], shape[2] / 2, shape[3] / 2);
            pools.add(new INDArray[] {x, y, randn(random, y.shape()), Nd4j.create(DataType.FLOAT, shape)});
        }
        Kernel window = Kernel.of(2).stride(2);
        Map<String, Runnable> poolVariants = new LinkedHashMap<>();
        poolVariants.put(
                "pooling: libnd4j maxpool2d",
                () -> pools.forEach(a -> {
                    LibNd4jConvOps.maxPool(a[0], a[1], window);
                    LibNd4jConvOps.maxPoolBackward(a[0], a[2], a[3], window);
                }));
        poolVariants.put(
                "pooling: Java loops",
                () -> pools.forEach(a -> {
                    MaxPooling pooling = MaxPooling.of(a[0], window);
                    pooling.forward(a[0], a[1]);
                    pooling.backward(a[0], a[2], a[3]);
                }));
        for (Map.Entry<String, Runnable> entry : poolVariants.entrySet()) {
            variants.put(entry.getKey(), new Variant() {
                @Override
                public void forward(int layer, INDArray x, INDArray w, INDArray y) {
                    if (layer == 0) {
                        entry.getValue().run();
                    }
                }

                @Override
                public void backward(int layer, INDArray x, INDArray w, INDArray g, INDArray gx, INDArray gw) {}
            });
        }
        Map<String, double[]> best = new LinkedHashMap<>();
        for (int round = 0; round <= rounds; round++) {
            for (Map.Entry<String, Variant> variant : variants.entrySet()) {
                long cpu = processCpu();
                long wall = System.nanoTime();
                for (int r = 0; r < repetitions; r++) {
                    for (int k = 0; k < LENET5.size(); k++) {
                        INDArray[] a = arrays.get(k);
                        variant.getValue().forward(k, a[0], a[1], a[2]);
                        variant.getValue().backward(k, a[0], a[1], a[3], a[4], a[5]);
                    }
                }
                double wallMs = (System.nanoTime() - wall) / 1e6 / repetitions;
                double cpuMs = (processCpu() - cpu) / 1e6 / repetitions;
                if (round > 0) {
                    best.merge(variant.getKey(), new double[] {wallMs, cpuMs}, (o, n) ->
                            new double[] {Math.min(o[0], n[0]), Math.min(o[1], n[1])});
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "LeNet-5 conv layers, forward + backward, batch %d, OMP_NUM_THREADS=%s, load %.1f%n",
                BATCH,
                System.getenv("OMP_NUM_THREADS"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        best.forEach((name, v) ->
                System.out.printf(Locale.ROOT, "%-36s wall %7.2f ms  process CPU %7.2f ms%n", name, v[0], v[1]));
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static INDArray randn(SplittableRandom random, long... shape) {
        INDArray array = Nd4j.create(DataType.FLOAT, shape);
        float[] values = new float[(int) array.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        NativeElements.floats(array).put(0, values);
        return array;
    }
}

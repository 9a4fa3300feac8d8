package spd.runtime.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import spd.runtime.base.ComputeThreads;

/**
 * A convolution's products as im2col + matrix products over fixed chunks of images: for a chunk of n images,
 * the patches are gathered (a Java loop over a precomputed index map) into a {@code patch x n*pixels} matrix
 * that stays in cache, one sgemm multiplies the {@code filters x patch} kernel matrix by it, and the result is
 * transposed into the NCHW output. The backward pass gathers the patches again (cheaper than keeping them),
 * multiplies for the kernel gradient and, when asked, for the patch gradients, which col2im scatters back.
 *
 * <p>Chunks are fixed by the layer's shape, never by the thread count, and the kernel gradients of the chunks
 * are added in chunk order: results are bit-for-bit the same at any number of threads. With several threads the
 * chunks run in parallel, each on its own scratch memory.
 */
final class Im2colConvolution {
    /** Patch-matrix elements per chunk (2 MiB of floats): measured fastest for LeNet-5 among 2^15 to the whole batch. */
    static final int DEFAULT_CHUNK_ELEMENTS = 1 << 19;

    private final ImageShape input;
    private final int filters;
    private final int patch;
    private final int pixels;
    private final int imagesPerChunk;
    private final int threads;
    /** For patch row r and output pixel p, the offset within one input image it reads, or -1 for padding. */
    private final int[] source;

    private final ThreadLocal<Map<Key, Scratch>> scratch = ThreadLocal.withInitial(HashMap::new);
    private final Map<Key, INDArray> partialGradients = new HashMap<>();

    /** Scratch memory is kept per data type and chunk length (the last chunk may be shorter). */
    private record Key(DataType type, int images) {}

    Im2colConvolution(ImageShape input, int filters, Kernel kernel, int chunkElements, int threads) {
        this.input = input;
        this.filters = filters;
        int outHeight = kernel.output(input.height());
        int outWidth = kernel.output(input.width());
        this.patch = input.channels() * kernel.size() * kernel.size();
        this.pixels = outHeight * outWidth;
        this.imagesPerChunk = Math.max(1, chunkElements / (patch * pixels));
        this.threads = Math.max(1, threads);
        this.source = sourceMap(input, kernel, outHeight, outWidth);
    }

    /** The convolution of a layer, with the default chunk size and the step's compute threads. */
    static Im2colConvolution of(ImageShape input, int filters, Kernel kernel) {
        return new Im2colConvolution(input, filters, kernel, DEFAULT_CHUNK_ELEMENTS, ComputeThreads.count());
    }

    private static int[] sourceMap(ImageShape input, Kernel kernel, int outHeight, int outWidth) {
        int k = kernel.size();
        int pixels = outHeight * outWidth;
        int[] map = new int[input.channels() * k * k * pixels];
        int at = 0;
        for (int c = 0; c < input.channels(); c++) {
            for (int u = 0; u < k; u++) {
                for (int v = 0; v < k; v++) {
                    for (int i = 0; i < outHeight; i++) {
                        int row = i * kernel.stride() + u - kernel.padding();
                        for (int j = 0; j < outWidth; j++) {
                            int column = j * kernel.stride() + v - kernel.padding();
                            boolean inside = row >= 0 && row < input.height() && column >= 0 && column < input.width();
                            map[at++] = inside ? (c * input.height() + row) * input.width() + column : -1;
                        }
                    }
                }
            }
        }
        return map;
    }

    /** Images per chunk (fixed by the shape). */
    int imagesPerChunk() {
        return imagesPerChunk;
    }

    /** {@code output = input (*) weights}, output [B, F, OH, OW] overwritten. */
    void forward(INDArray in, INDArray weights, INDArray output) {
        INDArray kernels = weights.reshape('c', filters, patch);
        int batch = (int) in.size(0);
        forEachChunk(batch, chunk -> {
            int first = chunk * imagesPerChunk;
            int n = Math.min(imagesPerChunk, batch - first);
            Scratch s = scratch(in.dataType(), n);
            s.host.gather(rows(in, first, n), s.patches);
            Nd4j.gemm(kernels, s.patches, s.filterMajor, false, false, 1.0, 0.0);
            rows(output, first, n).reshape('c', n, filters, pixels).assign(filterMajorAsImages(s.filterMajor, n));
        });
    }

    /**
     * The gradients of {@link #forward} given dL/d(output): dL/d(weights) into {@code gradWeights} and, unless
     * {@code gradInput} is null, dL/d(input) into it (both overwritten).
     */
    void backward(INDArray in, INDArray weights, INDArray gradOutput, INDArray gradInput, INDArray gradWeights) {
        INDArray kernels = weights.reshape('c', filters, patch);
        int batch = (int) in.size(0);
        int chunks = chunks(batch);
        INDArray partial = partialGradients(in.dataType(), chunks);
        forEachChunk(batch, chunk -> {
            int first = chunk * imagesPerChunk;
            int n = Math.min(imagesPerChunk, batch - first);
            Scratch s = scratch(in.dataType(), n);
            filterMajorAsImages(s.filterMajor, n)
                    .assign(rows(gradOutput, first, n).reshape('c', n, filters, pixels));
            s.host.gather(rows(in, first, n), s.patches);
            Nd4j.gemm(s.filterMajor, s.patches, partial.get(NDArrayIndex.point(chunk)), false, true, 1.0, 0.0);
            if (gradInput != null) {
                Nd4j.gemm(kernels, s.filterMajor, s.patches, true, false, 1.0, 0.0);
                s.host.scatter(s.patches, rows(gradInput, first, n));
            }
        });
        INDArray sum = gradWeights.reshape('c', filters, patch);
        sum.assign(partial.get(NDArrayIndex.point(0)));
        for (int chunk = 1; chunk < chunks; chunk++) {
            sum.addi(partial.get(NDArrayIndex.point(chunk)));
        }
    }

    private int chunks(int batch) {
        return (batch + imagesPerChunk - 1) / imagesPerChunk;
    }

    private void forEachChunk(int batch, IntConsumer body) {
        int chunks = chunks(batch);
        if (threads == 1 || chunks == 1) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                body.accept(chunk);
            }
            return;
        }
        ComputeThreads.pool(threads)
                .submit(() -> IntStream.range(0, chunks).parallel().forEach(body))
                .join();
    }

    /** A [F, n*P] matrix seen as [n, F, P] (a strided view), to transpose to and from NCHW images. */
    private INDArray filterMajorAsImages(INDArray filterMajor, int n) {
        return filterMajor.reshape('c', filters, n, pixels).permute(1, 0, 2);
    }

    private static INDArray rows(INDArray images, int first, int n) {
        return images.get(NDArrayIndex.interval(first, first + n));
    }

    @SuppressWarnings("try") // the scope is the point, not the resource
    private synchronized INDArray partialGradients(DataType type, int chunks) {
        return partialGradients.computeIfAbsent(new Key(type, chunks), key -> {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.create(type, chunks, filters, patch);
            }
        });
    }

    private Scratch scratch(DataType type, int n) {
        return scratch.get().computeIfAbsent(new Key(type, n), key -> new Scratch(key));
    }

    /** One thread's memory for a chunk of n images: the patch matrix and the filter-major product, native. */
    private final class Scratch {
        final INDArray patches;
        final INDArray filterMajor;
        final HostLoops host;

        @SuppressWarnings("try") // the scope is the point, not the resource
        Scratch(Key key) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                patches = Nd4j.create(key.type(), patch, (long) key.images() * pixels);
                filterMajor = Nd4j.create(key.type(), filters, (long) key.images() * pixels);
            }
            host = switch (key.type()) {
                case FLOAT -> new FloatLoops(key.images());
                case DOUBLE -> new DoubleLoops(key.images());
                default ->
                    throw new IllegalArgumentException("convolutions run in float32 or float64, not " + key.type());
            };
        }
    }

    /** The Java loops of a chunk, over Java arrays of one element type. */
    private sealed interface HostLoops permits FloatLoops, DoubleLoops {
        /** im2col: patches[r, i*P + p] = images[i][source[r*P + p]] (0 for padding). */
        void gather(INDArray images, INDArray patches);

        /** col2im: images[i][source[r*P + p]] = sum of patches[r, i*P + p] over the entries reading it. */
        void scatter(INDArray patches, INDArray images);
    }

    private final class FloatLoops implements HostLoops {
        private final float[] images;
        private final float[] patches;

        FloatLoops(int n) {
            images = new float[n * input.size()];
            patches = new float[patch * n * pixels];
        }

        @Override
        public void gather(INDArray from, INDArray to) {
            int n = (int) from.size(0);
            NativeElements.floats(from).get(0, images, 0, n * input.size());
            int imageSize = input.size();
            int at = 0;
            for (int r = 0; r < patch; r++) {
                int row = r * pixels;
                for (int i = 0; i < n; i++) {
                    int base = i * imageSize;
                    for (int p = 0; p < pixels; p++) {
                        int s = source[row + p];
                        patches[at++] = s < 0 ? 0f : images[base + s];
                    }
                }
            }
            NativeElements.floats(to).put(0, patches, 0, at);
        }

        @Override
        public void scatter(INDArray from, INDArray to) {
            int n = (int) to.size(0);
            int length = patch * n * pixels;
            FloatBuffer buffer = NativeElements.floats(from);
            buffer.get(0, patches, 0, length);
            int imageSize = input.size();
            java.util.Arrays.fill(images, 0, n * imageSize, 0f);
            int at = 0;
            for (int r = 0; r < patch; r++) {
                int row = r * pixels;
                for (int i = 0; i < n; i++) {
                    int base = i * imageSize;
                    for (int p = 0; p < pixels; p++) {
                        int s = source[row + p];
                        if (s >= 0) {
                            images[base + s] += patches[at];
                        }
                        at++;
                    }
                }
            }
            NativeElements.floats(to).put(0, images, 0, n * imageSize);
        }
    }

    private final class DoubleLoops implements HostLoops {
        private final double[] images;
        private final double[] patches;

        DoubleLoops(int n) {
            images = new double[n * input.size()];
            patches = new double[patch * n * pixels];
        }

        @Override
        public void gather(INDArray from, INDArray to) {
            int n = (int) from.size(0);
            NativeElements.doubles(from).get(0, images, 0, n * input.size());
            int imageSize = input.size();
            int at = 0;
            for (int r = 0; r < patch; r++) {
                int row = r * pixels;
                for (int i = 0; i < n; i++) {
                    int base = i * imageSize;
                    for (int p = 0; p < pixels; p++) {
                        int s = source[row + p];
                        patches[at++] = s < 0 ? 0.0 : images[base + s];
                    }
                }
            }
            NativeElements.doubles(to).put(0, patches, 0, at);
        }

        @Override
        public void scatter(INDArray from, INDArray to) {
            int n = (int) to.size(0);
            int length = patch * n * pixels;
            DoubleBuffer buffer = NativeElements.doubles(from);
            buffer.get(0, patches, 0, length);
            int imageSize = input.size();
            java.util.Arrays.fill(images, 0, n * imageSize, 0.0);
            int at = 0;
            for (int r = 0; r < patch; r++) {
                int row = r * pixels;
                for (int i = 0; i < n; i++) {
                    int base = i * imageSize;
                    for (int p = 0; p < pixels; p++) {
                        int s = source[row + p];
                        if (s >= 0) {
                            images[base + s] += patches[at];
                        }
                        at++;
                    }
                }
            }
            NativeElements.doubles(to).put(0, images, 0, n * imageSize);
        }
    }
}

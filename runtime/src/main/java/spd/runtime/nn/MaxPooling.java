package spd.runtime.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max pooling of NCHW images as Java loops over blocks of channel planes (copied in and out of native memory
 * in bulk): a fifth of the time libnd4j's maxpool2d and maxpool2d_bp took at LeNet-5's shapes. Each window's
 * maximum is its first largest entry in row-major order, as in PyTorch, so the gradient of a tie (e.g. a
 * window of ReLU zeros) goes where PyTorch sends it. Windows hanging over a padded border ignore the padding.
 */
final class MaxPooling {
    /** Input elements per block of planes: large enough to amortize a copy, small enough to stay in cache. */
    private static final int BLOCK_ELEMENTS = 1 << 15;

    private final int height;
    private final int width;
    private final Kernel window;
    private final int outHeight;
    private final int outWidth;
    /** Each window's first and one-past-last input row, and column (padding excluded). */
    private final int[] rowFrom;

    private final int[] rowTo;
    private final int[] columnFrom;
    private final int[] columnTo;
    /** Whether every window is a whole 2x2 square (the common case, unrolled). */
    private final boolean pairs;

    /** Pooling of {@code height x width} planes over {@code window}. */
    MaxPooling(int height, int width, Kernel window) {
        this.height = height;
        this.width = width;
        this.window = window;
        this.outHeight = window.output(height);
        this.outWidth = window.output(width);
        this.rowFrom = new int[outHeight];
        this.rowTo = new int[outHeight];
        for (int i = 0; i < outHeight; i++) {
            rowFrom[i] = from(i);
            rowTo[i] = to(i, height);
        }
        this.pairs = window.size() == 2 && window.padding() == 0;
        this.columnFrom = new int[outWidth];
        this.columnTo = new int[outWidth];
        for (int j = 0; j < outWidth; j++) {
            columnFrom[j] = from(j);
            columnTo[j] = to(j, width);
        }
    }

    /** Pooling of the planes of an NCHW array. */
    static MaxPooling of(INDArray images, Kernel window) {
        return new MaxPooling((int) images.size(2), (int) images.size(3), window);
    }

    /** output[b, c, i, j] = the maximum of input's window (i, j) of plane (b, c). */
    void forward(INDArray input, INDArray output) {
        switch (type(input)) {
            case FLOAT -> new FloatPlanes(input).forward(output);
            case DOUBLE -> new DoublePlanes(input).forward(output);
            default -> throw new IllegalStateException();
        }
    }

    /** gradInput (overwritten) = each window's gradient added at the window's maximum. */
    void backward(INDArray input, INDArray gradOutput, INDArray gradInput) {
        switch (type(input)) {
            case FLOAT -> new FloatPlanes(input).backward(gradOutput, gradInput);
            case DOUBLE -> new DoublePlanes(input).backward(gradOutput, gradInput);
            default -> throw new IllegalStateException();
        }
    }

    private static DataType type(INDArray input) {
        DataType type = input.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("pooling runs in float32 or float64, not " + type);
        }
        return type;
    }

    private int planeSize() {
        return height * width;
    }

    private int outPlaneSize() {
        return outHeight * outWidth;
    }

    private int planesPerBlock() {
        return Math.max(1, BLOCK_ELEMENTS / planeSize());
    }

    /** The first and one-past-last input row (or column) of window {@code index} along a side of {@code side}. */
    private int from(int index) {
        return Math.max(0, index * window.stride() - window.padding());
    }

    private int to(int index, int side) {
        return Math.min(side, index * window.stride() - window.padding() + window.size());
    }

    /** The loops over float32 planes. */
    private final class FloatPlanes {
        private final INDArray input;
        private final int planes;
        private final float[] in;

        FloatPlanes(INDArray input) {
            this.input = input;
            this.planes = (int) (input.size(0) * input.size(1));
            this.in = new float[planesPerBlock() * planeSize()];
        }

        /** The offset within a plane of window (i, j)'s first largest entry. */
        private int argmax(int base, int i, int j) {
            int best = rowFrom[i] * width + columnFrom[j];
            if (pairs) {
                // The 2x2 window unrolled: C2's loop set-up costs more than four comparisons.
                int right = best + 1;
                int below = best + width;
                int last = below + 1;
                int top = in[base + right] > in[base + best] ? right : best;
                int bottom = in[base + last] > in[base + below] ? last : below;
                return in[base + bottom] > in[base + top] ? bottom : top;
            }
            float max = in[base + best];
            for (int r = rowFrom[i]; r < rowTo[i]; r++) {
                for (int c = columnFrom[j]; c < columnTo[j]; c++) {
                    float value = in[base + r * width + c];
                    // Selections rather than branches: on random data a branch here is mispredicted half the time.
                    boolean larger = value > max;
                    best = larger ? r * width + c : best;
                    max = larger ? value : max;
                }
            }
            return best;
        }

        /** The largest entry of window (i, j) (NaN if any is NaN). */
        private float max(int base, int i, int j) {
            if (pairs) {
                int at = base + rowFrom[i] * width + columnFrom[j];
                return Math.max(Math.max(in[at], in[at + 1]), Math.max(in[at + width], in[at + width + 1]));
            }
            float max = in[base + rowFrom[i] * width + columnFrom[j]];
            for (int r = rowFrom[i]; r < rowTo[i]; r++) {
                for (int c = columnFrom[j]; c < columnTo[j]; c++) {
                    max = Math.max(max, in[base + r * width + c]);
                }
            }
            return max;
        }

        void forward(INDArray output) {
            float[] out = new float[planesPerBlock() * outPlaneSize()];
            for (int first = 0; first < planes; first += planesPerBlock()) {
                int n = Math.min(planesPerBlock(), planes - first);
                NativeElements.floats(input).get(first * planeSize(), in, 0, n * planeSize());
                for (int plane = 0; plane < n; plane++) {
                    int base = plane * planeSize();
                    for (int i = 0; i < outHeight; i++) {
                        for (int j = 0; j < outWidth; j++) {
                            out[plane * outPlaneSize() + i * outWidth + j] = max(base, i, j);
                        }
                    }
                }
                NativeElements.floats(output).put(first * outPlaneSize(), out, 0, n * outPlaneSize());
            }
        }

        void backward(INDArray gradOutput, INDArray gradInput) {
            float[] gradOut = new float[planesPerBlock() * outPlaneSize()];
            float[] gradIn = new float[planesPerBlock() * planeSize()];
            for (int first = 0; first < planes; first += planesPerBlock()) {
                int n = Math.min(planesPerBlock(), planes - first);
                NativeElements.floats(input).get(first * planeSize(), in, 0, n * planeSize());
                NativeElements.floats(gradOutput).get(first * outPlaneSize(), gradOut, 0, n * outPlaneSize());
                Arrays.fill(gradIn, 0f);
                for (int plane = 0; plane < n; plane++) {
                    int base = plane * planeSize();
                    for (int i = 0; i < outHeight; i++) {
                        for (int j = 0; j < outWidth; j++) {
                            gradIn[base + argmax(base, i, j)] += gradOut[plane * outPlaneSize() + i * outWidth + j];
                        }
                    }
                }
                NativeElements.floats(gradInput).put(first * planeSize(), gradIn, 0, n * planeSize());
            }
        }
    }

    /** The same loops over float64 planes (the gradient checks run in double precision). */
    private final class DoublePlanes {
        private final INDArray input;
        private final int planes;
        private final double[] in;

        DoublePlanes(INDArray input) {
            this.input = input;
            this.planes = (int) (input.size(0) * input.size(1));
            this.in = new double[planesPerBlock() * planeSize()];
        }

        private int argmax(int base, int i, int j) {
            int best = rowFrom[i] * width + columnFrom[j];
            if (pairs) {
                // The 2x2 window unrolled: C2's loop set-up costs more than four comparisons.
                int right = best + 1;
                int below = best + width;
                int last = below + 1;
                int top = in[base + right] > in[base + best] ? right : best;
                int bottom = in[base + last] > in[base + below] ? last : below;
                return in[base + bottom] > in[base + top] ? bottom : top;
            }
            double max = in[base + best];
            for (int r = rowFrom[i]; r < rowTo[i]; r++) {
                for (int c = columnFrom[j]; c < columnTo[j]; c++) {
                    double value = in[base + r * width + c];
                    // Selections rather than branches: on random data a branch here is mispredicted half the time.
                    boolean larger = value > max;
                    best = larger ? r * width + c : best;
                    max = larger ? value : max;
                }
            }
            return best;
        }

        /** The largest entry of window (i, j) (NaN if any is NaN). */
        private double max(int base, int i, int j) {
            if (pairs) {
                int at = base + rowFrom[i] * width + columnFrom[j];
                return Math.max(Math.max(in[at], in[at + 1]), Math.max(in[at + width], in[at + width + 1]));
            }
            double max = in[base + rowFrom[i] * width + columnFrom[j]];
            for (int r = rowFrom[i]; r < rowTo[i]; r++) {
                for (int c = columnFrom[j]; c < columnTo[j]; c++) {
                    max = Math.max(max, in[base + r * width + c]);
                }
            }
            return max;
        }

        void forward(INDArray output) {
            double[] out = new double[planesPerBlock() * outPlaneSize()];
            for (int first = 0; first < planes; first += planesPerBlock()) {
                int n = Math.min(planesPerBlock(), planes - first);
                NativeElements.doubles(input).get(first * planeSize(), in, 0, n * planeSize());
                for (int plane = 0; plane < n; plane++) {
                    int base = plane * planeSize();
                    for (int i = 0; i < outHeight; i++) {
                        for (int j = 0; j < outWidth; j++) {
                            out[plane * outPlaneSize() + i * outWidth + j] = max(base, i, j);
                        }
                    }
                }
                NativeElements.doubles(output).put(first * outPlaneSize(), out, 0, n * outPlaneSize());
            }
        }

        void backward(INDArray gradOutput, INDArray gradInput) {
            double[] gradOut = new double[planesPerBlock() * outPlaneSize()];
            double[] gradIn = new double[planesPerBlock() * planeSize()];
            for (int first = 0; first < planes; first += planesPerBlock()) {
                int n = Math.min(planesPerBlock(), planes - first);
                NativeElements.doubles(input).get(first * planeSize(), in, 0, n * planeSize());
                NativeElements.doubles(gradOutput).get(first * outPlaneSize(), gradOut, 0, n * outPlaneSize());
                Arrays.fill(gradIn, 0.0);
                for (int plane = 0; plane < n; plane++) {
                    int base = plane * planeSize();
                    for (int i = 0; i < outHeight; i++) {
                        for (int j = 0; j < outWidth; j++) {
                            gradIn[base + argmax(base, i, j)] += gradOut[plane * outPlaneSize() + i * outWidth + j];
                        }
                    }
                }
                NativeElements.doubles(gradInput).put(first * planeSize(), gradIn, 0, n * planeSize());
            }
        }
    }
}

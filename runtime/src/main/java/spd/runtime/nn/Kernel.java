package spd.runtime.nn;

/**
 * A square sliding window of a conv layer: its size, stride and zero padding on each side. Output sides
 * follow PyTorch: floor((side + 2 padding - size) / stride) + 1. Reads like the declaration: {@code
 * Kernel.of(5)}, {@code Kernel.of(3).stride(2).padding(1)}.
 */
public record Kernel(int size, int stride, int padding) {
    /** Checks the numbers. */
    public Kernel {
        if (size < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("a kernel needs size >= 1, stride >= 1 and padding >= 0, got " + size
                    + ", " + stride + ", " + padding);
        }
    }

    /** A {@code size x size} kernel with stride 1 and no padding. */
    public static Kernel of(int size) {
        return new Kernel(size, 1, 0);
    }

    /** The same kernel with another stride. */
    public Kernel stride(int value) {
        return new Kernel(size, value, padding);
    }

    /** The same kernel with another padding. */
    public Kernel padding(int value) {
        return new Kernel(size, stride, value);
    }

    /** The output length of an input side; throws when the window does not fit. */
    public int output(int side) {
        int span = side + 2 * padding - size;
        if (span < 0) {
            throw new IllegalArgumentException("a " + size + "x" + size + " window does not fit a side of " + side
                    + (padding > 0 ? " padded by " + padding : ""));
        }
        return span / stride + 1;
    }
}

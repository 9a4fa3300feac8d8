package spd.compiler.check;

/**
 * A square sliding window (a conv kernel or a pooling window) over an image side: its size, stride and zero
 * padding on each side. Outputs follow PyTorch: floor((side + 2 padding - kernel) / stride) + 1.
 */
public record Window(int kernel, int stride, int padding) {
    /** Whether the window fits in a side of this length, padding included. */
    public boolean fits(int side) {
        return kernel <= (long) side + 2L * padding;
    }

    /** The output length of a side the window fits. */
    public int output(int side) {
        return (int) ((side + 2L * padding - kernel) / stride + 1);
    }

    /** The rows (or columns) at the end of a side that no window position covers. */
    public int leftover(int side) {
        return (int) ((side + 2L * padding - kernel) % stride);
    }
}

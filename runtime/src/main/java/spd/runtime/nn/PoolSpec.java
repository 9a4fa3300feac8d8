package spd.runtime.nn;

import java.util.List;

/** Max pooling of each channel over a square window (no padding). */
public record PoolSpec(ImageShape input, Kernel window) implements LayerSpec {
    /** Checks that the window fits. */
    public PoolSpec {
        output(input, window);
    }

    private static ImageShape output(ImageShape input, Kernel window) {
        return new ImageShape(input.channels(), window.output(input.height()), window.output(input.width()));
    }

    /** The output image. */
    public ImageShape output() {
        return output(input, window);
    }

    @Override
    public List<Integer> outputShape() {
        return output().asList();
    }
}

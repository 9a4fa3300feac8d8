package spd.runtime.nn;

import java.util.List;

/**
 * A declared 2-D convolution: {@code filters} kernels over every channel of its input image, a bias per
 * filter, then the activation. Its weights are stored {@code filters x channels x size x size}, as PyTorch's
 * {@code Conv2d} stores them.
 */
public record ConvSpec(String name, ImageShape input, int filters, Kernel kernel, Activation activation)
        implements LayerSpec.Weighted {
    /** Checks that the kernel fits. */
    public ConvSpec {
        if (filters <= 0) {
            throw new IllegalArgumentException("layer " + name + " needs at least one filter");
        }
        kernel.output(input.height());
        kernel.output(input.width());
    }

    /** The output image. */
    public ImageShape output() {
        return new ImageShape(filters, kernel.output(input.height()), kernel.output(input.width()));
    }

    @Override
    public List<Integer> outputShape() {
        return output().asList();
    }

    @Override
    public boolean bias() {
        return true;
    }

    /** Inputs a filter sees: channels x size x size (the fan-in of the initialisation). */
    public int fanIn() {
        return input.channels() * kernel.size() * kernel.size();
    }

    @Override
    public long weightCount() {
        return (long) filters * fanIn();
    }
}

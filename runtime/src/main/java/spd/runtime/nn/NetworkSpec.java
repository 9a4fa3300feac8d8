package spd.runtime.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * A declared feed-forward network: the shape of one input example, layers in order and a loss. Built fluently
 * and immutably: {@code NetworkSpec.input(784).dense(300, RELU).dense(10, NONE).loss(CROSS_ENTROPY)}, or for
 * images {@code NetworkSpec.image(1, 28, 28).conv("conv1", 20, Kernel.of(5), RELU).maxPool(2).flatten()...}.
 */
public record NetworkSpec(List<Integer> inputShape, List<LayerSpec> layers, LossKind loss) {
    /** Copies the lists. */
    public NetworkSpec {
        inputShape = List.copyOf(inputShape);
        layers = List.copyOf(layers);
    }

    /** A network whose examples are vectors of {@code inputs} features; no layers yet, cross-entropy loss. */
    public static NetworkSpec input(int inputs) {
        return new NetworkSpec(List.of(inputs), List.of(), LossKind.CROSS_ENTROPY);
    }

    /** A network whose examples are {@code channels x height x width} images. */
    public static NetworkSpec image(int channels, int height, int width) {
        return new NetworkSpec(new ImageShape(channels, height, width).asList(), List.of(), LossKind.CROSS_ENTROPY);
    }

    /** Appends a dense layer with a bias, named {@code fc<k>} where k counts the dense layers. */
    public NetworkSpec dense(int outputs, Activation activation) {
        long dense = layers.stream().filter(l -> l instanceof DenseSpec).count();
        return dense("fc" + (dense + 1), outputs, activation, true);
    }

    /** Appends a named dense layer; an image is flattened first. */
    public NetworkSpec dense(String name, int outputs, Activation activation, boolean bias) {
        NetworkSpec flat = outputShape().size() == 3 ? flatten() : this;
        return flat.append(new DenseSpec(name, flat.outputs(), outputs, activation, bias));
    }

    /** Appends a conv layer of {@code filters} kernels; the input must be an image. */
    public NetworkSpec conv(String name, int filters, Kernel kernel, Activation activation) {
        return append(new ConvSpec(name, currentImage("conv layer " + name), filters, kernel, activation));
    }

    /** Appends max pooling over {@code size x size} windows with stride {@code size}. */
    public NetworkSpec maxPool(int size) {
        return maxPool(size, size);
    }

    /** Appends max pooling over {@code size x size} windows with the given stride. */
    public NetworkSpec maxPool(int size, int stride) {
        return append(new PoolSpec(currentImage("max pooling"), Kernel.of(size).stride(stride)));
    }

    /** Appends a flatten: the image becomes a vector. */
    public NetworkSpec flatten() {
        return append(new FlattenSpec(currentImage("flatten")));
    }

    /** Sets the loss. */
    public NetworkSpec loss(LossKind kind) {
        return new NetworkSpec(inputShape, layers, kind);
    }

    private NetworkSpec append(LayerSpec layer) {
        if (layer instanceof LayerSpec.Weighted weighted && names().contains(weighted.name())) {
            throw new IllegalArgumentException("two layers are named " + weighted.name());
        }
        List<LayerSpec> next = new ArrayList<>(layers);
        next.add(layer);
        return new NetworkSpec(inputShape, next, loss);
    }

    private ImageShape currentImage(String what) {
        List<Integer> shape = outputShape();
        if (shape.size() != 3) {
            throw new IllegalArgumentException(what + " needs an image input, got a vector of " + shape.getFirst());
        }
        return ImageShape.of(shape);
    }

    /** The shape of one example after the last layer (the input's when there are no layers). */
    public List<Integer> outputShape() {
        return layers.isEmpty() ? inputShape : layers.getLast().outputShape();
    }

    /** The number of input values per example (784 for a 1x28x28 image). */
    public int inputs() {
        return inputShape.stream().reduce(1, (a, b) -> a * b);
    }

    /** The output size per example: the last layer's, or the input size when there are no layers. */
    public int outputs() {
        return outputShape().stream().reduce(1, (a, b) -> a * b);
    }

    /** The layers with weights, in order. */
    public List<LayerSpec.Weighted> weighted() {
        return layers.stream()
                .filter(l -> l instanceof LayerSpec.Weighted)
                .map(l -> (LayerSpec.Weighted) l)
                .toList();
    }

    /** The total number of weights (biases excluded). */
    public long weightCount() {
        return weighted().stream().mapToLong(LayerSpec.Weighted::weightCount).sum();
    }

    /** The layer with weights that has this name. */
    public LayerSpec.Weighted layer(String name) {
        return weighted().stream()
                .filter(l -> l.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layer named " + name + " in " + names()));
    }

    /** The names of the layers with weights, in order. */
    public List<String> names() {
        return weighted().stream().map(LayerSpec.Weighted::name).toList();
    }
}

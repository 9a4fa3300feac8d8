package spd.compiler.model;

import java.util.List;
import spd.compiler.check.Shape;
import spd.compiler.check.Window;

/**
 * A feed-forward network and its loss: an input shape (a feature vector or an image) and layers in order,
 * each knowing the shape it receives and produces. An image reaching a dense layer is flattened by an
 * explicit {@link Flatten}, inserted by the model builder when the source leaves it implicit.
 */
public record Network(Shape input, List<Layer> layers, Loss loss, SourceRef at) {
    public Network {
        layers = List.copyOf(layers);
    }

    /** One layer and the shape of what it outputs per example. */
    public sealed interface Layer {
        /** The shape of one example after this layer. */
        Shape output();

        /** The declaration it came from. */
        SourceRef at();
    }

    /** A layer with weights (and usually biases): a dense or conv layer, which masks and penalties target. */
    public sealed interface Weighted extends Layer {
        /** The layer's name, given or by position (fc1, conv1, ...). */
        String name();

        /** Number of weights (biases excluded, as in every sparsity count of spd). */
        long weightCount();

        /** Number of biases (0 without). */
        long biasCount();
    }

    /**
     * A dense layer {@code name: inputs -> outputs}, its activation, and whether it has a bias ({@code linear}
     * layers have none: they are the linear model y = Xw of the theory).
     */
    public record Dense(String name, int inputs, int outputs, Activation activation, boolean bias, SourceRef at)
            implements Weighted {
        @Override
        public Shape output() {
            return new Shape.Vector(outputs);
        }

        @Override
        public long weightCount() {
            return (long) inputs * outputs;
        }

        @Override
        public long biasCount() {
            return bias ? outputs : 0;
        }
    }

    /** A 2-D convolution of {@code input} with {@code filters} square kernels, a bias per filter, an activation. */
    public record Conv(String name, Shape.Image input, int filters, Window window, Activation activation, SourceRef at)
            implements Weighted {
        @Override
        public Shape.Image output() {
            return new Shape.Image(filters, window.output(input.height()), window.output(input.width()));
        }

        @Override
        public long weightCount() {
            return (long) filters * input.channels() * window.kernel() * window.kernel();
        }

        @Override
        public long biasCount() {
            return filters;
        }
    }

    /** Max pooling of each channel of {@code input} over a square window. */
    public record MaxPool(Shape.Image input, Window window, SourceRef at) implements Layer {
        @Override
        public Shape.Image output() {
            return new Shape.Image(input.channels(), window.output(input.height()), window.output(input.width()));
        }
    }

    /** An image read as a vector, channel by channel, row by row; {@code implicit} when the source left it out. */
    public record Flatten(Shape.Image input, boolean implicit, SourceRef at) implements Layer {
        @Override
        public Shape output() {
            return new Shape.Vector(input.size());
        }
    }

    /** Activation after a dense or conv layer. */
    public enum Activation {
        RELU,
        NONE
    }

    /** The training loss. */
    public enum Loss {
        CROSS_ENTROPY,
        SQUARED
    }

    /** The layers with weights, in order. */
    public List<Weighted> weighted() {
        return layers.stream()
                .filter(l -> l instanceof Weighted)
                .map(l -> (Weighted) l)
                .toList();
    }

    /** The names of the layers with weights, in order. */
    public List<String> names() {
        return weighted().stream().map(Weighted::name).toList();
    }

    public long weightCount() {
        return weighted().stream().mapToLong(Weighted::weightCount).sum();
    }
}

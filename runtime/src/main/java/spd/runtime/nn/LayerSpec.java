package spd.runtime.nn;

import java.util.List;

/** A declared layer of a network, which knows the shape of what it outputs per example. */
public sealed interface LayerSpec permits LayerSpec.Weighted, PoolSpec, FlattenSpec {
    /** The shape of one example after this layer: {@code [n]} for a vector, {@code [c, h, w]} for an image. */
    List<Integer> outputShape();

    /** The number of values of one example after this layer. */
    default int outputSize() {
        return outputShape().stream().reduce(1, (a, b) -> a * b);
    }

    /** A layer with weights (dense or conv): masks, penalties and pruning act on it by name. */
    sealed interface Weighted extends LayerSpec permits DenseSpec, ConvSpec {
        /** The layer's name, e.g. {@code conv1} or {@code fc2}. */
        String name();

        /** The activation after the layer. */
        Activation activation();

        /** Whether the layer adds a bias (per output unit, or per filter). */
        boolean bias();

        /** The number of weights (biases excluded). */
        long weightCount();
    }
}

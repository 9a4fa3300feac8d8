package spd.runtime.nn;

import java.util.List;

/** A declared dense layer: its name (e.g. {@code fc1}), sizes, activation and whether it has a bias. */
public record DenseSpec(String name, int inputs, int outputs, Activation activation, boolean bias)
        implements LayerSpec.Weighted {
    /** Checks the sizes. */
    public DenseSpec {
        if (inputs <= 0 || outputs <= 0) {
            throw new IllegalArgumentException(
                    "layer " + name + " needs positive sizes, got " + inputs + " -> " + outputs);
        }
    }

    @Override
    public List<Integer> outputShape() {
        return List.of(outputs);
    }

    /** The number of weights (biases excluded). */
    @Override
    public long weightCount() {
        return (long) inputs * outputs;
    }
}

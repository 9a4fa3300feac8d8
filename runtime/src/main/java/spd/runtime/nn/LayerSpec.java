package spd.runtime.nn;

/** A declared dense layer: its name (e.g. {@code fc1}), sizes, activation and whether it has a bias. */
public record LayerSpec(String name, int inputs, int outputs, Activation activation, boolean bias) {
  /** Checks the sizes. */
  public LayerSpec {
    if (inputs <= 0 || outputs <= 0) {
      throw new IllegalArgumentException(
          "layer " + name + " needs positive sizes, got " + inputs + " -> " + outputs);
    }
  }

  /** The number of weights (biases excluded). */
  public long weightCount() {
    return (long) inputs * outputs;
  }
}

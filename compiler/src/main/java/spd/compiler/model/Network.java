package spd.compiler.model;

import java.util.List;

/** A feed-forward network of dense layers and its loss. */
public record Network(int inputs, List<Layer> layers, Loss loss, SourceRef at) {
  public Network {
    layers = List.copyOf(layers);
  }

  /**
   * A dense layer {@code name: inputs -> outputs}, its activation, and whether it has a bias ({@code linear}
   * layers have none: they are the linear model y = Xw of the theory).
   */
  public record Layer(String name, int inputs, int outputs, Activation activation, boolean bias, SourceRef at) {
    /** Number of weights (biases excluded, as in every sparsity count of spd). */
    public long weightCount() {
      return (long) inputs * outputs;
    }
  }

  /** Activation after a dense layer. */
  public enum Activation { RELU, NONE }

  /** The training loss. */
  public enum Loss { CROSS_ENTROPY, SQUARED }

  public long weightCount() {
    return layers.stream().mapToLong(Layer::weightCount).sum();
  }
}

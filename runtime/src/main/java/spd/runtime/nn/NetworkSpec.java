package spd.runtime.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * A declared feed-forward network: an input size, dense layers in order and a loss. Built fluently and
 * immutably: {@code NetworkSpec.input(784).dense(300, RELU).dense(100, RELU).dense(10, NONE).loss(CROSS_ENTROPY)}.
 */
public record NetworkSpec(int inputs, List<LayerSpec> layers, LossKind loss) {
  /** Copies the layer list. */
  public NetworkSpec {
    layers = List.copyOf(layers);
  }

  /** A network with the given input size, no layers yet and cross-entropy loss. */
  public static NetworkSpec input(int inputs) {
    return new NetworkSpec(inputs, List.of(), LossKind.CROSS_ENTROPY);
  }

  /** Appends a dense layer with a bias, named {@code fc<k>} where k is its 1-based position. */
  public NetworkSpec dense(int outputs, Activation activation) {
    return dense("fc" + (layers.size() + 1), outputs, activation, true);
  }

  /** Appends a named dense layer. */
  public NetworkSpec dense(String name, int outputs, Activation activation, boolean bias) {
    if (layers.stream().anyMatch(l -> l.name().equals(name))) {
      throw new IllegalArgumentException("two layers are named " + name);
    }
    List<LayerSpec> next = new ArrayList<>(layers);
    next.add(new LayerSpec(name, outputs(), outputs, activation, bias));
    return new NetworkSpec(inputs, next, loss);
  }

  /** Sets the loss. */
  public NetworkSpec loss(LossKind kind) {
    return new NetworkSpec(inputs, layers, kind);
  }

  /** The output size: the last layer's, or the input size when there are no layers. */
  public int outputs() {
    return layers.isEmpty() ? inputs : layers.get(layers.size() - 1).outputs();
  }

  /** The total number of weights (biases excluded). */
  public long weightCount() {
    return layers.stream().mapToLong(LayerSpec::weightCount).sum();
  }

  /** The layer with this name. */
  public LayerSpec layer(String name) {
    return layers.stream()
        .filter(l -> l.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no layer named " + name + " in " + names()));
  }

  /** The layer names in order. */
  public List<String> names() {
    return layers.stream().map(LayerSpec::name).toList();
  }
}

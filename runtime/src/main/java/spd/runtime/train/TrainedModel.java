package spd.runtime.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.Experiment;
import spd.runtime.nn.Activation;
import spd.runtime.nn.Dense;
import spd.runtime.reg.LayerRegularizer;

/**
 * The trained, pruned model of a run directory, as evaluation uses it: per layer the weights with every
 * pruned entry exactly zero, the mask of kept weights, and the bias, in PyTorch's orientation (a weight
 * matrix is {@code outputs x inputs}, as {@code nn.Linear.weight}).
 *
 * @param experiment the experiment's name
 * @param layers the layers in order
 */
public record TrainedModel(String experiment, List<Layer> layers) {

  /**
   * One dense layer.
   *
   * @param name the layer's name, e.g. {@code fc1}
   * @param inputs the number of inputs
   * @param outputs the number of outputs
   * @param weight {@code outputs x inputs} values, row-major, pruned entries 0
   * @param kept {@code outputs x inputs} mask, row-major: whether the pruning rule keeps the weight
   * @param bias {@code outputs} values, or null for a layer without bias ({@code linear})
   * @param activation the activation after the layer
   */
  public record Layer(String name, int inputs, int outputs, float[] weight, boolean[] kept, float[] bias,
      Activation activation) {
    /** The number of kept weights. */
    public long keptCount() {
      long count = 0;
      for (boolean k : kept) {
        count += k ? 1 : 0;
      }
      return count;
    }
  }

  /**
   * Reads the last checkpoint of a run directory into the experiment's network and prunes it as evaluation
   * does; the experiment must be the one the run trained (its generated class).
   */
  public static TrainedModel read(Path runDirectory, Experiment experiment) {
    Checkpoint checkpoint = Checkpoint.read(runDirectory);
    Model model = new Model(experiment, 1);
    checkpoint.restoreInto(model.liveArrays());
    List<Layer> layers = new ArrayList<>();
    for (LayerRegularizer regularizer : model.regularizers()) {
      layers.add(layer(regularizer, experiment));
    }
    return new TrainedModel(experiment.name(), layers);
  }

  private static Layer layer(LayerRegularizer regularizer, Experiment experiment) {
    Dense dense = regularizer.layer();
    INDArray evaluation = regularizer.evaluationWeights();
    float[] values = Pruner.floats(evaluation);
    boolean[] keptStored = Pruner.kept(regularizer, experiment.pruning(dense.name()), values);
    int inputs = dense.spec().inputs();
    int outputs = dense.spec().outputs();
    // spd stores W as inputs x outputs (y = x W); PyTorch's nn.Linear stores outputs x inputs (y = x W^T).
    float[] weight = new float[values.length];
    boolean[] kept = new boolean[values.length];
    for (int i = 0; i < inputs; i++) {
      for (int o = 0; o < outputs; o++) {
        int stored = i * outputs + o;
        int exported = o * inputs + i;
        kept[exported] = keptStored[stored];
        weight[exported] = keptStored[stored] ? values[stored] : 0f;
      }
    }
    float[] bias = dense.bias() == null ? null : Pruner.floats(dense.bias().value());
    return new Layer(dense.name(), inputs, outputs, weight, kept, bias, dense.spec().activation());
  }
}

package spd.runtime.nn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import spd.runtime.base.Seeds;

/** A stack of dense layers and a loss: the training step's forward and backward passes, and evaluation. */
public final class Network {
  private static final int EVALUATION_BATCH = 1000;
  private final NetworkSpec spec;
  private final List<Dense> layers;
  private final Loss loss;
  private final Map<Integer, INDArray> outputGradients = new HashMap<>();

  private Network(NetworkSpec spec, List<Dense> layers) {
    this.spec = spec;
    this.layers = List.copyOf(layers);
    this.loss = Loss.of(spec.loss());
  }

  /** A network with every layer initialised from its own stream derived from {@code seed}. */
  public static Network initialised(NetworkSpec spec, long seed) {
    if (spec.layers().isEmpty()) {
      throw new IllegalArgumentException("the network declares no layers");
    }
    List<Dense> layers = new ArrayList<>();
    for (int k = 0; k < spec.layers().size(); k++) {
      layers.add(Dense.initialised(spec.layers().get(k), Seeds.derive(seed, Seeds.INIT, k)));
    }
    return new Network(spec, layers);
  }

  /** The declaration. */
  public NetworkSpec spec() {
    return spec;
  }

  /** The layers in order. */
  public List<Dense> layers() {
    return layers;
  }

  /** The loss. */
  public Loss loss() {
    return loss;
  }

  /** Every trainable parameter, layer by layer. */
  public List<Parameter> parameters() {
    return layers.stream().flatMap(layer -> layer.parameters().stream()).toList();
  }

  /**
   * Forward and backward pass of one training batch: fills every parameter's gradient and returns the
   * batch's summed data loss and correct count.
   *
   * @param features the batch's rows
   * @param targets the targets of the whole (shuffled) split, row-major
   * @param classes the class of each row of the split, or null for regression
   * @param firstRow the batch's first row within the split
   */
  public Loss.Score trainStep(INDArray features, float[] targets, int[] classes, int firstRow) {
    int batch = features.rows();
    INDArray[] inputs = new INDArray[layers.size() + 1];
    inputs[0] = features;
    for (int k = 0; k < layers.size(); k++) {
      inputs[k + 1] = layers.get(k).forwardTraining(inputs[k]);
    }
    float[] outputs = inputs[layers.size()].data().asFloat();
    float[] gradient = new float[outputs.length];
    Loss.Score score = loss.evaluate(outputs, targets, classes, firstRow, batch, gradient);
    INDArray gradOutput = outputGradient(batch);
    gradOutput.data().setData(gradient);
    for (int k = layers.size() - 1; k >= 0; k--) {
      gradOutput = layers.get(k).backward(inputs[k], gradOutput, k > 0);
    }
    return score;
  }

  @SuppressWarnings("try") // the scope is the point, not the resource
  private INDArray outputGradient(int batch) {
    INDArray existing = outputGradients.get(batch);
    if (existing != null) {
      return existing;
    }
    try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      INDArray created = Nd4j.create(DataType.FLOAT, batch, spec.outputs());
      outputGradients.put(batch, created);
      return created;
    }
  }

  /**
   * The summed loss and correct count over a split, computed with explicit (e.g. pruned) weights, one per
   * layer, in batches; no masks and no regularizer hooks.
   */
  public Loss.Score evaluate(List<INDArray> weights, INDArray features, float[] targets, int[] classes) {
    int rows = features.rows();
    double lossSum = 0;
    long correct = 0;
    for (int start = 0; start < rows; start += EVALUATION_BATCH) {
      int batch = Math.min(EVALUATION_BATCH, rows - start);
      INDArray activations = features.get(NDArrayIndex.interval(start, start + batch), NDArrayIndex.all());
      for (int k = 0; k < layers.size(); k++) {
        Dense layer = layers.get(k);
        INDArray output = Nd4j.create(DataType.FLOAT, batch, layer.spec().outputs());
        activations = layer.forwardWith(weights.get(k), activations, output);
      }
      Loss.Score score =
          loss.evaluate(activations.data().asFloat(), targets, classes, start, batch, null);
      lossSum += score.lossSum();
      correct += score.correct();
    }
    return new Loss.Score(lossSum, correct);
  }
}

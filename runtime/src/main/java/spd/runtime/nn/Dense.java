package spd.runtime.nn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A dense layer {@code y = act(x . W_eff + b)} with W stored as {@code inputs x outputs} (float32), whose
 * training weight product is delegated to the {@link WeightProduct} attached to it (its regularizer).
 * Activation buffers are preallocated per batch size, so the training step allocates nothing for them.
 */
public final class Dense {
  private final LayerSpec spec;
  private final Parameter weight;
  private final Parameter bias;
  private final Map<Integer, Buffers> buffersByBatch = new HashMap<>();
  private WeightProduct product;

  /** The output and input-gradient buffers of one batch size. */
  private record Buffers(INDArray output, INDArray gradInput) {}

  private Dense(LayerSpec spec, INDArray weights, INDArray biases) {
    this.spec = spec;
    this.weight = Parameter.of(spec.name() + ".W", weights);
    this.bias = biases == null ? null : Parameter.of(spec.name() + ".b", biases);
  }

  /**
   * A layer with PyTorch's default {@code Linear} initialisation: weights and biases uniform on
   * [-1/sqrt(inputs), 1/sqrt(inputs)], drawn from a stream seeded with {@code seed}.
   */
  public static Dense initialised(LayerSpec spec, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double bound = 1.0 / Math.sqrt(spec.inputs());
    INDArray weights = uniform(random, bound, spec.inputs(), spec.outputs());
    INDArray biases = spec.bias() ? uniform(random, bound, 1, spec.outputs()) : null;
    return new Dense(spec, weights, biases);
  }

  private static INDArray uniform(SplittableRandom random, double bound, int rows, int columns) {
    float[] values = new float[rows * columns];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(-bound, bound);
    }
    return Nd4j.create(values, new long[] {rows, columns}, 'c');
  }

  /**
   * Binds the layer's training weight product (its regularizer); the trainer calls this once, with a neutral
   * one for unregularized layers.
   */
  public void attach(WeightProduct value) {
    this.product = value;
  }

  /** The declaration of this layer. */
  public LayerSpec spec() {
    return spec;
  }

  /** The layer's name, e.g. {@code fc1}. */
  public String name() {
    return spec.name();
  }

  /** The weight parameter ({@code inputs x outputs}). */
  public Parameter weight() {
    return weight;
  }

  /** The current weights, used in place. */
  public INDArray weights() {
    return weight.value();
  }

  /** The bias parameter ({@code 1 x outputs}), or null when the layer has no bias. */
  public Parameter bias() {
    return bias;
  }

  /** The layer's trainable parameters: W, b if present, then the weight product's own. */
  public List<Parameter> parameters() {
    List<Parameter> own = bias == null ? List.of(weight) : List.of(weight, bias);
    return java.util.stream.Stream.concat(own.stream(), product.parameters().stream()).toList();
  }

  /** The training forward pass; returns this layer's output buffer for the batch size of {@code input}. */
  public INDArray forwardTraining(INDArray input) {
    INDArray output = buffers(input.rows()).output();
    product.forward(input, output);
    return finish(output);
  }

  /** The evaluation forward pass with explicit weights, into {@code output}. */
  public INDArray forwardWith(INDArray evaluationWeights, INDArray input, INDArray output) {
    Nd4j.gemm(input, evaluationWeights, output, false, false, 1.0, 0.0);
    return finish(output);
  }

  private INDArray finish(INDArray output) {
    if (bias != null) {
      output.addiRowVector(bias.value());
    }
    if (spec.activation() == Activation.RELU) {
      Transforms.relu(output, false);
    }
    return output;
  }

  /**
   * The backward pass after {@link #forwardTraining} on {@code input}: fills the parameter gradients and
   * returns dL/d(input), or null when {@code needInputGradient} is false. {@code gradOutput} is consumed (it
   * is overwritten in place with the gradient before the activation).
   */
  public INDArray backward(INDArray input, INDArray gradOutput, boolean needInputGradient) {
    Buffers buffers = buffers(input.rows());
    if (spec.activation() == Activation.RELU) {
      // relu(z) > 0 exactly where z > 0, so the stored output is enough to gate the gradient.
      Nd4j.getExecutioner()
          .exec(new RectifiedLinearDerivative(buffers.output(), gradOutput, gradOutput));
    }
    if (bias != null) {
      gradOutput.sum(bias.gradient(), 0);
    }
    INDArray gradInput = needInputGradient ? buffers.gradInput() : null;
    product.backward(input, gradOutput, gradInput);
    return gradInput;
  }

  @SuppressWarnings("try") // the scope is the point, not the resource
  private Buffers buffers(int batch) {
    Buffers existing = buffersByBatch.get(batch);
    if (existing != null) {
      return existing;
    }
    // Buffers outlive the step, so they must not come from the step's workspace.
    try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      Buffers created =
          new Buffers(
              Nd4j.create(DataType.FLOAT, batch, spec.outputs()),
              Nd4j.create(DataType.FLOAT, batch, spec.inputs()));
      buffersByBatch.put(batch, created);
      return created;
    }
  }
}

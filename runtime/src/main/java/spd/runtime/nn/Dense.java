package spd.runtime.nn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
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
public final class Dense implements WeightedLayer {
    private final DenseSpec spec;
    private final Parameter weight;
    private final Parameter bias;
    private final Map<Integer, Buffers> buffersByBatch = new HashMap<>();
    private WeightProduct product;

    /** The output and input-gradient buffers of one batch size. */
    private record Buffers(INDArray output, INDArray gradInput) {}

    private Dense(DenseSpec spec, INDArray weights, INDArray biases) {
        this.spec = spec;
        this.weight = Parameter.of(spec.name() + ".W", weights);
        this.bias = biases == null ? null : Parameter.of(spec.name() + ".b", biases);
    }

    /**
     * A layer with PyTorch's default {@code Linear} initialisation: weights and biases uniform on
     * [-1/sqrt(inputs), 1/sqrt(inputs)], drawn from a stream seeded with {@code seed}.
     */
    public static Dense initialised(DenseSpec spec, long seed) {
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

    @Override
    public List<Parameter> parameters() {
        List<Parameter> own = bias == null ? List.of(weight) : List.of(weight, bias);
        return Stream.concat(own.stream(), product.parameters().stream()).toList();
    }

    @Override
    public void attach(WeightProduct value) {
        this.product = value;
    }

    @Override
    public DenseSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    /** The weight parameter ({@code inputs x outputs}). */
    @Override
    public Parameter weight() {
        return weight;
    }

    /** The bias parameter ({@code 1 x outputs}), or null when the layer has no bias. */
    @Override
    public Parameter bias() {
        return bias;
    }

    @Override
    public List<Integer> outputShape() {
        return spec.outputShape();
    }

    @Override
    public void product(INDArray input, INDArray weights, INDArray output) {
        Nd4j.gemm(input, weights, output, false, false, 1.0, 0.0);
    }

    @Override
    public void productBackward(
            INDArray input, INDArray weights, INDArray gradOutput, INDArray gradInput, INDArray gradWeights) {
        if (gradInput != null) {
            Nd4j.gemm(gradOutput, weights, gradInput, false, true, 1.0, 0.0);
        }
        Nd4j.gemm(input, gradOutput, gradWeights, true, false, 1.0, 0.0);
    }

    @Override
    public INDArray forwardTraining(INDArray input) {
        INDArray output = buffers(input.rows()).output();
        product.forward(input, output);
        return finish(output);
    }

    @Override
    public INDArray forwardWith(INDArray evaluationWeights, INDArray input) {
        INDArray output = Nd4j.create(input.dataType(), input.rows(), spec.outputs());
        product(input, evaluationWeights, output);
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

    @Override
    public INDArray backward(INDArray input, INDArray gradOutput, boolean needInputGradient) {
        Buffers buffers = buffers(input.rows());
        if (spec.activation() == Activation.RELU) {
            // relu(z) > 0 exactly where z > 0, so the stored output is enough to gate the gradient.
            Nd4j.getExecutioner().exec(new RectifiedLinearDerivative(buffers.output(), gradOutput, gradOutput));
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
            Buffers created = new Buffers(
                    Nd4j.create(DataType.FLOAT, batch, spec.outputs()),
                    Nd4j.create(DataType.FLOAT, batch, spec.inputs()));
            buffersByBatch.put(batch, created);
            return created;
        }
    }
}

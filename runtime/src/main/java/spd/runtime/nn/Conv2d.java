package spd.runtime.nn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A 2-D convolution layer {@code y = act(x (*) W_eff + b)} on NCHW images, with W stored {@code filters x
 * channels x size x size} (float32, PyTorch's layout) and one bias per filter. As for {@link Dense}, the weight
 * product goes through the attached {@link WeightProduct}, and activation buffers are preallocated per batch size.
 */
public final class Conv2d implements WeightedLayer {
    private final ConvSpec spec;
    private final Parameter weight;
    private final Parameter bias;
    private final Im2colConvolution convolution;
    private final Map<Integer, Buffers> buffersByBatch = new HashMap<>();
    private WeightProduct product;

    /** The output and input-gradient buffers of one batch size. */
    private record Buffers(INDArray output, INDArray gradInput) {}

    private Conv2d(ConvSpec spec, INDArray weights, INDArray biases) {
        this.spec = spec;
        this.weight = Parameter.of(spec.name() + ".W", weights);
        this.bias = Parameter.of(spec.name() + ".b", biases);
        this.convolution = Im2colConvolution.of(spec.input(), spec.filters(), spec.kernel());
    }

    /**
     * A layer with PyTorch's default {@code Conv2d} initialisation: weights and biases uniform on
     * [-1/sqrt(fan_in), 1/sqrt(fan_in)], fan_in = channels x size x size, drawn from a stream seeded with
     * {@code seed}.
     */
    public static Conv2d initialised(ConvSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double bound = 1.0 / Math.sqrt(spec.fanIn());
        int k = spec.kernel().size();
        INDArray weights = uniform(random, bound, spec.filters(), spec.input().channels(), k, k);
        INDArray biases = uniform(random, bound, spec.filters());
        return new Conv2d(spec, weights, biases);
    }

    private static INDArray uniform(SplittableRandom random, double bound, long... shape) {
        float[] values = new float[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-bound, bound);
        }
        return Nd4j.create(values, shape, 'c');
    }

    @Override
    public List<Parameter> parameters() {
        return Stream.concat(Stream.of(weight, bias), product.parameters().stream())
                .toList();
    }

    @Override
    public void attach(WeightProduct value) {
        this.product = value;
    }

    @Override
    public ConvSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    /** The weight parameter ({@code filters x channels x size x size}). */
    @Override
    public Parameter weight() {
        return weight;
    }

    /** The bias parameter, one per filter. */
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
        convolution.forward(input, weights, output);
    }

    @Override
    public void productBackward(
            INDArray input, INDArray weights, INDArray gradOutput, INDArray gradInput, INDArray gradWeights) {
        convolution.backward(input, weights, gradOutput, gradInput, gradWeights);
    }

    @Override
    public INDArray forwardTraining(INDArray input) {
        INDArray output = buffers(input).output();
        product.forward(input, output);
        return finish(output);
    }

    @Override
    public INDArray forwardWith(INDArray evaluationWeights, INDArray input) {
        INDArray output = Nd4j.create(input.dataType(), batchShape((int) input.size(0)));
        product(input, evaluationWeights, output);
        return finish(output);
    }

    private INDArray finish(INDArray output) {
        Nd4j.getExecutioner().exec(new BroadcastAddOp(output, bias.value().castTo(output.dataType()), output, 1));
        if (spec.activation() == Activation.RELU) {
            Transforms.relu(output, false);
        }
        return output;
    }

    @Override
    public INDArray backward(INDArray input, INDArray gradOutput, boolean needInputGradient) {
        Buffers buffers = buffers(input);
        if (spec.activation() == Activation.RELU) {
            // relu(z) > 0 exactly where z > 0, so the stored output is enough to gate the gradient.
            Nd4j.getExecutioner().exec(new RectifiedLinearDerivative(buffers.output(), gradOutput, gradOutput));
        }
        gradOutput.sum(bias.gradient(), 0, 2, 3);
        INDArray gradInput = needInputGradient ? buffers.gradInput() : null;
        product.backward(input, gradOutput, gradInput);
        return gradInput;
    }

    @SuppressWarnings("try") // the scope is the point, not the resource
    private Buffers buffers(INDArray input) {
        int batch = (int) input.size(0);
        Buffers existing = buffersByBatch.get(batch);
        if (existing != null) {
            return existing;
        }
        // Buffers outlive the step, so they must not come from the step's workspace.
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            Buffers created = new Buffers(
                    Nd4j.create(DataType.FLOAT, batchShape(batch)), Nd4j.create(DataType.FLOAT, input.shape()));
            buffersByBatch.put(batch, created);
            return created;
        }
    }
}

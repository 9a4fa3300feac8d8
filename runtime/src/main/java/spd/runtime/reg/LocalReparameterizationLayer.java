package spd.runtime.reg;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.WeightedLayer;

/**
 * Variational dropout with the local reparameterization trick: the pre-activation is sampled as out = x.W +
 * sqrt(x^2.sigma^2 + 1e-8) * xi with one xi ~ N(0, 1) per example and output unit (for a conv layer, per
 * example and output pixel, as Molchanov et al. do: x.W is then the convolution, x^2.sigma^2 that of the
 * squares). Backward: with h = g xi /
 * (2 std), dW = x^T g, d(sigma^2) = (x^2)^T h and dx = g W^T + 2 x (h sigma^2^T).
 *
 * <p>The subclass's {@link #prepare} fills, per weight, sigma^2 and the derivatives that turn d(sigma^2) into the
 * gradients of W and of the noise parameter, plus the KL's gradients (already divided by N); the backward
 * chain is then one fused loop.
 */
abstract class LocalReparameterizationLayer extends VariationalLayer {
    private static final double VARIANCE_FLOOR = 1e-8;
    protected final HostMirror variance;
    private final HostMirror varianceGradient;
    /** d(sigma^2)/dW per weight (0 unless a subclass sets it). */
    protected final float[] varianceSlopeWeight;
    /** d(sigma^2)/d(parameter) per weight. */
    protected final float[] varianceSlopeParameter;
    /** dKL/dW / N per weight. */
    protected final float[] klWeight;
    /** dKL/d(parameter) / N per weight. */
    protected final float[] klParameter;

    private final Map<Integer, BatchBuffers> buffersByBatch = new HashMap<>();
    private Random random;
    private BatchBuffers lastBatch;

    /**
     * The per-batch-size arrays of the sampled pre-activation (shaped like the layer's input or output: [B, n]
     * or [B, c, h, w]); {@code work} holds std * xi, then h.
     */
    private record BatchBuffers(
            INDArray squares, INDArray std, HostMirror noise, INDArray work, INDArray inputScratch) {}

    LocalReparameterizationLayer(WeightedLayer layer, String parameterName, double threshold) {
        super(layer, parameterName, threshold);
        this.variance = HostMirror.of(Buffers.persistentLike(layer.weights()));
        this.varianceGradient = HostMirror.of(Buffers.persistentLike(layer.weights()));
        int n = (int) layer.weights().length();
        this.varianceSlopeWeight = new float[n];
        this.varianceSlopeParameter = new float[n];
        this.klWeight = new float[n];
        this.klParameter = new float[n];
    }

    @Override
    protected final void prepare(StepContext step) {
        this.random = step.random();
        prepareWeights(weights.load(), parameterValues.load(), (float) klScale());
        variance.store();
    }

    /** Fills sigma^2 ({@link #variance}'s values) and the four per-weight slopes for this step. */
    protected abstract void prepareWeights(float[] w, float[] parameter, float klScale);

    @Override
    public final void forward(INDArray input, INDArray output) {
        BatchBuffers b = buffers(input, output);
        lastBatch = b;
        layer().product(input, layer().weights(), output);
        input.mul(input, b.squares());
        layer().product(b.squares(), variance.array(), b.std());
        Nd4j.exec(new Sqrt(b.std().addi(VARIANCE_FLOOR), b.std()));
        ElementMath.gaussian(random.nextLong(), b.noise().values(), b.noise().values().length);
        b.noise().store();
        output.addi(b.work().assign(b.std()).muli(b.noise().array()));
    }

    /** The N(0, 1) noise xi of the last training forward pass, one per example and output unit. */
    @Override
    public final Map<String, INDArray> randomDraws() {
        return lastBatch == null ? Map.of() : Map.of("noise", lastBatch.noise().array());
    }

    @Override
    public final void backward(INDArray input, INDArray gradOutput, INDArray gradInput) {
        BatchBuffers b = buffers(input, gradOutput);
        INDArray h = b.work();
        gradOutput.mul(b.noise().array(), h).divi(b.std()).muli(0.5);
        layer().productBackward(
                        input,
                        layer().weights(),
                        gradOutput,
                        gradInput,
                        layer().weight().gradient());
        layer().productBackward(
                        b.squares(),
                        variance.array(),
                        h,
                        gradInput == null ? null : b.inputScratch(),
                        varianceGradient.array());
        if (gradInput != null) {
            gradInput.addi(b.inputScratch().muli(input).muli(2.0));
        }
        backwardWeights(layer().weight().gradient());
    }

    /** dW += d(sigma^2) dsigma^2/dW + dKL/dW; d(parameter) = d(sigma^2) dsigma^2/d(parameter) + dKL/d(parameter). */
    @Override
    public final void backwardWeights(INDArray gradient) {
        float[] gv = varianceGradient.load();
        float[] gw = weightGradient.load();
        float[] gp = parameterGradient.values();
        for (int i = 0; i < gw.length; i++) {
            gw[i] += gv[i] * varianceSlopeWeight[i] + klWeight[i];
            gp[i] = gv[i] * varianceSlopeParameter[i] + klParameter[i];
        }
        weightGradient.store();
        parameterGradient.store();
    }

    private BatchBuffers buffers(INDArray input, INDArray output) {
        int batch = (int) input.size(0);
        BatchBuffers existing = buffersByBatch.get(batch);
        if (existing != null) {
            return existing;
        }
        BatchBuffers created = new BatchBuffers(
                Buffers.persistent(input.shape()),
                Buffers.persistent(output.shape()),
                HostMirror.of(Buffers.persistent(output.shape())),
                Buffers.persistent(output.shape()),
                Buffers.persistent(input.shape()));
        buffersByBatch.put(batch, created);
        return created;
    }
}

package spd.runtime.reg;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Parameter;
import spd.runtime.nn.WeightedLayer;

/**
 * What the three parameterizations of {@link VariationalDropout} share: the noise parameter (log sigma or
 * log alpha), the reference initialisation, the scaled KL penalty, and evaluation through log alpha.
 */
abstract class VariationalLayer implements LayerRegularizer {
    /** The initial log sigma or log alpha of the reference code. */
    static final float INITIAL_LOG = -5f;
    /** The standard deviation of the initial weights of the reference code. */
    static final double INITIAL_STD = 0.02;
    /** The reference clamps log alpha (additive) or log sigma (local) to [-LIMIT, LIMIT]. */
    static final float LIMIT = 10f;
    /** The reference takes log(|W| + 1e-16), so W = 0 gives a finite log alpha. */
    static final float ABS_OFFSET = 1e-16f;

    private final WeightedLayer layer;
    private final double threshold;
    private final Parameter noiseParameter;
    protected final HostMirror weights;
    protected final HostMirror weightGradient;
    protected final HostMirror parameterValues;
    protected final HostMirror parameterGradient;
    private int trainingSetSize;

    VariationalLayer(WeightedLayer layer, String parameterName, double threshold) {
        this.layer = layer;
        this.threshold = threshold;
        INDArray initial = Buffers.persistentLike(layer.weights()).assign(INITIAL_LOG);
        this.noiseParameter = Parameter.of(layer.name() + "." + parameterName, initial);
        this.weights = HostMirror.of(layer.weights());
        this.weightGradient = HostMirror.of(layer.weight().gradient());
        this.parameterValues = HostMirror.of(noiseParameter.value());
        this.parameterGradient = HostMirror.of(noiseParameter.gradient());
    }

    @Override
    public final WeightedLayer layer() {
        return layer;
    }

    @Override
    public final List<Parameter> parameters() {
        return List.of(noiseParameter);
    }

    /** The reference initialisation: W ~ N(0, 0.02^2), bias 0, the noise parameter -5. */
    @Override
    public final void initialise(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] w = weights.values();
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (INITIAL_STD * random.nextGaussian());
        }
        weights.store();
        if (layer.bias() != null) {
            layer.bias().value().assign(0);
        }
        noiseParameter.value().assign(INITIAL_LOG);
    }

    @Override
    public final void beforeStep(StepContext step) {
        trainingSetSize = step.trainingSetSize();
        prepare(step);
    }

    /** Samples this step's noise and precomputes what the forward and backward passes need. */
    protected abstract void prepare(StepContext step);

    /** 1/N: the KL of the whole training split is spread over its N examples, like the batch-mean loss. */
    protected final double klScale() {
        return 1.0 / trainingSetSize;
    }

    /** Writes log alpha as the KL and evaluation use it, from the weights and the noise parameter. */
    protected abstract void logAlpha(float[] w, float[] parameter, float[] out);

    private float[] currentLogAlpha() {
        float[] out = new float[weights.values().length];
        logAlpha(weights.load(), parameterValues.load(), out);
        return out;
    }

    @Override
    public final double penalty() {
        if (trainingSetSize == 0) {
            throw new IllegalStateException("the variational-dropout penalty needs N, known from the first step on");
        }
        double sum = 0;
        for (float value : currentLogAlpha()) {
            sum += MolchanovKl.value(value);
        }
        return sum * klScale();
    }

    @Override
    public final Optional<INDArray> logAlpha() {
        return Optional.of(shaped(currentLogAlpha()));
    }

    /** The keep probability of the equivalent Bernoulli mask, 1/(1 + alpha) (theory.md 1.1). */
    @Override
    public final Optional<INDArray> keepProbability() {
        float[] logAlpha = currentLogAlpha();
        for (int i = 0; i < logAlpha.length; i++) {
            logAlpha[i] = (float) (1 / (1 + Math.exp(logAlpha[i])));
        }
        return Optional.of(shaped(logAlpha));
    }

    /** W * 1[log alpha < threshold], as the reference evaluates. */
    @Override
    public final INDArray evaluationWeights() {
        float[] logAlpha = currentLogAlpha();
        float[] w = weights.values().clone();
        for (int i = 0; i < w.length; i++) {
            if (!(logAlpha[i] < threshold)) {
                w[i] = 0f;
            }
        }
        return shaped(w);
    }

    private INDArray shaped(float[] values) {
        return Nd4j.create(values, layer.weights().shape(), 'c');
    }

    /** The clamp of the reference code: torch.clamp(x, -10, 10). */
    static float clamp(float x) {
        return Math.max(-LIMIT, Math.min(LIMIT, x));
    }

    /** Whether the clamp passes the gradient at {@code x} (strictly inside the range). */
    static boolean inside(float x) {
        return x > -LIMIT && x < LIMIT;
    }
}

package spd.runtime.reg;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.nn.WeightedLayer;

/**
 * Shared state of the rules that multiply the weights by a random mask M with E[M] = 1 each step: the
 * forward pass uses W * M and the weight gradient is dL/dW = M * dL/d(W * M). A mask parameter (a keep
 * probability or a variance) is recomputed from the current weights every {@code refreshEvery} steps (0:
 * only at the first step) and kept in the checkpoint, so a resumed run masks exactly like an uninterrupted one.
 */
abstract class MaskedWeights implements LayerRegularizer {
    private final WeightedLayer layer;
    private final int refreshEvery;
    private final String parameterName;
    /** The mask parameter (keep probability or variance) as of its last refresh. */
    protected final INDArray maskParameter;
    /** The mask of the current step. */
    protected final INDArray mask;

    private final INDArray effective;

    MaskedWeights(WeightedLayer layer, int refreshEvery, String parameterName) {
        if (refreshEvery < 0) {
            throw new IllegalArgumentException("refresh interval must be >= 0, got " + refreshEvery);
        }
        this.layer = layer;
        this.refreshEvery = refreshEvery;
        this.parameterName = parameterName;
        this.maskParameter = Buffers.persistentLike(layer.weights());
        this.mask = Buffers.persistentLike(layer.weights());
        this.effective = Buffers.persistentLike(layer.weights());
    }

    @Override
    public WeightedLayer layer() {
        return layer;
    }

    @Override
    public Map<String, INDArray> state() {
        return Map.of(parameterName, maskParameter);
    }

    @Override
    public void beforeStep(StepContext step) {
        if (isRefreshDue(step.globalStep())) {
            refreshParameter(layer.weights(), maskParameter);
        }
        sample(step, layer.weights(), mask, effective);
    }

    private boolean isRefreshDue(long globalStep) {
        return refreshEvery == 0 ? globalStep == 0 : globalStep % refreshEvery == 0;
    }

    /** Writes the mask parameter computed from the current weights into {@code out}. */
    protected abstract void refreshParameter(INDArray weights, INDArray out);

    /**
     * Draws this step's mask into {@code mask} from {@link #maskParameter} and the layer's random stream, and
     * writes {@code weights * mask} into {@code effective}.
     */
    protected abstract void sample(StepContext step, INDArray weights, INDArray mask, INDArray effective);

    /** The mask of the step, drawn from the mask parameter. */
    @Override
    public Map<String, INDArray> randomDraws() {
        return Map.of("mask", mask);
    }

    @Override
    public INDArray trainingWeights() {
        return effective;
    }

    @Override
    public void backwardWeights(INDArray gradient) {
        gradient.muli(mask);
    }
}

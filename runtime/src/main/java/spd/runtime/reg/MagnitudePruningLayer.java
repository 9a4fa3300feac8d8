package spd.runtime.reg;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.base.RunException;
import spd.runtime.nn.WeightedLayer;

/**
 * The per-layer state of {@link MagnitudePruning}: the 0/1 mask, applied to the gradient and to the weights
 * after every update, and recomputed at the pruning events of the ramp.
 */
final class MagnitudePruningLayer implements LayerRegularizer {
    private final MagnitudePruning rule;
    private final WeightedLayer layer;
    private final HostMirror mask;
    private final HostMirror weights;

    MagnitudePruningLayer(MagnitudePruning rule, WeightedLayer layer) {
        this.rule = rule;
        this.layer = layer;
        this.mask = HostMirror.of(Buffers.persistentLike(layer.weights()).assign(1));
        this.weights = HostMirror.of(layer.weights());
    }

    @Override
    public WeightedLayer layer() {
        return layer;
    }

    @Override
    public Map<String, INDArray> state() {
        return Map.of("mask", mask.array());
    }

    @Override
    public void backwardWeights(INDArray gradient) {
        gradient.muli(mask.array());
    }

    @Override
    public void afterUpdate(StepContext step) {
        if (step.globalStep() == 0 && rule.lastEpoch() > step.epochs()) {
            throw new RunException(("magnitude pruning of layer %s ramps until epoch %d, but training has %d epochs; "
                            + "end the ramp at epoch %d or earlier")
                    .formatted(layer.name(), rule.lastEpoch(), step.epochs(), step.epochs()));
        }
        long start = (long) (rule.firstEpoch() - 1) * step.stepsPerEpoch();
        long end = (long) rule.lastEpoch() * step.stepsPerEpoch() - 1;
        long t = step.globalStep();
        if (t >= start && t <= end && ((t - start) % rule.every() == 0 || t == end)) {
            double progress = end == start ? 1 : (double) (t - start) / (end - start);
            prune(rule.ramp().sparsity(rule.target(), progress));
        }
        layer.weights().muli(mask.array());
    }

    /**
     * Sets the mask to zero on the round(sparsity * n) weights of smallest |w|, taking the weights pruned before
     * first (so the mask only grows, also among ties at zero), then by |w|, then by index.
     */
    void prune(double sparsity) {
        float[] w = weights.load();
        float[] m = mask.load();
        int count = (int) Math.round(sparsity * w.length);
        long[] keys = new long[w.length];
        for (int i = 0; i < w.length; i++) {
            // The bits of a non-negative float order like its value; pruned weights get rank 0, below every |w|.
            long rank = m[i] == 0f ? 0 : Float.floatToIntBits(Math.abs(w[i])) + 1L;
            keys[i] = rank << 32 | i;
        }
        Arrays.sort(keys);
        for (int k = 0; k < count; k++) {
            m[(int) keys[k]] = 0f;
        }
        mask.store();
    }

    @Override
    public Optional<INDArray> keepProbability() {
        return Optional.of(mask.array().dup());
    }
}

package spd.runtime.reg;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.base.ElementChunks;
import spd.runtime.base.WeightFunction;
import spd.runtime.nn.WeightedLayer;

/**
 * Scaled-Bernoulli DropConnect: each weight is kept with probability keep(W) and scaled by 1/keep, so the
 * mask has mean 1 and variance (1 - keep)/keep. The mask is sampled every step; keep is recomputed from the
 * current weights every {@code refreshEvery} steps (0: only once, for a fixed keep probability).
 */
public record BernoulliDropConnect(WeightFunction keep, int refreshEvery) implements Regularizer {
    @Override
    public String kind() {
        return "bernoulli";
    }

    @Override
    public LayerRegularizer attach(WeightedLayer layer) {
        return new State(layer);
    }

    /**
     * The per-layer mask state. Sampling is one fused Java loop over heap copies (which the JIT vectorizes):
     * ND4J's Bernoulli op followed by a division and a product took three times as long. Each weight's uniform
     * number is a 32-bit hash of (a per-step seed drawn from the layer's stream, its index), so masks are
     * reproducible and, as the mask statistics test checks, Bernoulli with the declared keep probability. As the
     * uniform depends on the weight's index alone, the loop runs over fixed chunks on the step's compute threads
     * and the mask does not depend on the thread count.
     */
    private final class State extends MaskedWeights {
        private final int size;
        private final float[] keepCopy;
        private final float[] weightCopy;
        private final float[] maskCopy;
        private final FloatBuffer weightsView;
        private final FloatBuffer maskView;
        private final FloatBuffer effectiveView;

        State(WeightedLayer layer) {
            super(layer, refreshEvery, "keep");
            this.size = (int) layer.weights().length();
            this.keepCopy = new float[size];
            this.weightCopy = new float[size];
            this.maskCopy = new float[size];
            this.weightsView = view(layer.weights());
            this.maskView = view(mask);
            this.effectiveView = view(trainingWeights());
        }

        private static FloatBuffer view(INDArray array) {
            return array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        }

        @Override
        protected void refreshParameter(INDArray weights, INDArray out) {
            out.assign(keep.apply(weights));
            KeepProbabilities.requireValid(out, layer(), "bernoulli");
        }

        @Override
        protected void sample(StepContext step, INDArray weights, INDArray maskOut, INDArray effectiveOut) {
            // The keep array may have been restored from a checkpoint since the last step, so read it every step.
            FloatBuffer keepView = view(maskParameter);
            int seed = step.random().nextInt();
            ElementChunks.forEach(size, (from, to) -> sampleRange(keepView, seed, from, to));
        }

        private void sampleRange(FloatBuffer keepView, int seed, int from, int to) {
            int n = to - from;
            keepView.get(from, keepCopy, from, n);
            weightsView.get(from, weightCopy, from, n);
            for (int i = from; i < to; i++) {
                float p = keepCopy[i];
                // Keep exactly when u < p: never for p = 0 (the mask is 0, not 1/0), always for p = 1. Branch-free, so
                // the JIT vectorizes the loop (5x faster than u < p ? 1/p : 0, with the same bits): u - p is negative
                // exactly when u < p (u - p is +0, not -0, when equal), and its sign bit spread over 32 bits selects
                // 1/p.
                int kept = Float.floatToRawIntBits(uniform(seed, i) - p) >> 31;
                float m = Float.intBitsToFloat(Float.floatToRawIntBits(1f / p) & kept);
                maskCopy[i] = m;
                weightCopy[i] *= m;
            }
            maskView.put(from, maskCopy, from, n);
            effectiveView.put(from, weightCopy, from, n);
        }

        @Override
        public Optional<INDArray> keepProbability() {
            return Optional.of(maskParameter.dup());
        }
    }

    /**
     * A uniform float in [0, 1) with 24 random bits: MurmurHash3's 32-bit finalizer of a Weyl sequence at
     * (seed, index). Only 32-bit integer operations, so the sampling loop vectorizes.
     */
    static float uniform(int seed, int index) {
        int z = seed + index * 0x9E3779B9;
        z = (z ^ (z >>> 16)) * 0x85EBCA6B;
        z = (z ^ (z >>> 13)) * 0xC2B2AE35;
        z = z ^ (z >>> 16);
        return (z >>> 8) * 0x1.0p-24f;
    }
}

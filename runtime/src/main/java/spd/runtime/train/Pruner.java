package spd.runtime.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.base.RunException;
import spd.runtime.nn.WeightedLayer;
import spd.runtime.prune.Pruning;
import spd.runtime.reg.LayerRegularizer;

/** Applies a layer's pruning rule: the weights evaluation really uses, with pruned entries set to zero. */
final class Pruner {
    private Pruner() {}

    /** A new array: the regularizer's evaluation weights with every weight the rule prunes set to 0. */
    static INDArray prunedWeights(LayerRegularizer regularizer, Pruning rule) {
        INDArray weights = regularizer.evaluationWeights();
        float[] values = floats(weights);
        boolean[] kept = kept(regularizer, rule, values);
        for (int i = 0; i < values.length; i++) {
            if (!kept[i]) {
                values[i] = 0f;
            }
        }
        return Nd4j.create(values, weights.shape(), 'c');
    }

    /**
     * Which weights the rule keeps (row-major over the weight array), given the evaluation weights' values:
     * the mask an export writes next to the pruned weights.
     */
    static boolean[] kept(LayerRegularizer regularizer, Pruning rule, float[] evaluationValues) {
        WeightedLayer layer = regularizer.layer();
        boolean[] kept = new boolean[evaluationValues.length];
        java.util.Arrays.fill(kept, true);
        switch (rule) {
            case Pruning.None none -> {}
            case Pruning.KeepBelow keepBelow ->
                dropWhereBelow(kept, keepBelow.keep().apply(layer.weights()), keepBelow.threshold());
            case Pruning.LearnedKeepBelow learned ->
                dropWhereBelow(
                        kept,
                        required(regularizer.keepProbability().orElse(null), layer, "a learned keep probability"),
                        learned.threshold());
            case Pruning.MagnitudeBelow magnitude -> {
                for (int i = 0; i < kept.length; i++) {
                    kept[i] = Math.abs(evaluationValues[i]) >= magnitude.threshold();
                }
            }
            case Pruning.LogAlphaAbove logAlpha ->
                dropWhereAbove(
                        kept,
                        required(regularizer.logAlpha().orElse(null), layer, "a log alpha"),
                        logAlpha.threshold());
        }
        return kept;
    }

    /** Checks, before training, that the rule can be applied to the layer's regularizer. */
    static void check(LayerRegularizer regularizer, Pruning rule) {
        WeightedLayer layer = regularizer.layer();
        switch (rule) {
            case Pruning.LearnedKeepBelow ignored ->
                required(regularizer.keepProbability().orElse(null), layer, "a learned keep probability");
            case Pruning.LogAlphaAbove ignored ->
                required(regularizer.logAlpha().orElse(null), layer, "a log alpha");
            case Pruning.None ignored -> {}
            case Pruning.KeepBelow ignored -> {}
            case Pruning.MagnitudeBelow ignored -> {}
        }
    }

    private static INDArray required(INDArray quantity, WeightedLayer layer, String what) {
        if (quantity == null) {
            throw new RunException(
                    "the pruning rule of layer %s needs %s, but the layer's regularizer has none; prune by keep(W) or |w| instead"
                            .formatted(layer.name(), what));
        }
        return quantity;
    }

    private static void dropWhereBelow(boolean[] kept, INDArray quantity, double threshold) {
        float[] q = floats(quantity);
        for (int i = 0; i < kept.length; i++) {
            if (q[i] < threshold) {
                kept[i] = false;
            }
        }
    }

    private static void dropWhereAbove(boolean[] kept, INDArray quantity, double threshold) {
        float[] q = floats(quantity);
        for (int i = 0; i < kept.length; i++) {
            if (q[i] > threshold) {
                kept[i] = false;
            }
        }
    }

    /** The values of an array in c order (copied out of views and f-ordered arrays first). */
    static float[] floats(INDArray array) {
        INDArray dense = array.isView() || array.ordering() != 'c' ? array.dup('c') : array;
        return dense.data().asFloat();
    }

    /** The number of nonzero entries. */
    static long countNonzero(INDArray weights) {
        long count = 0;
        for (float value : floats(weights)) {
            if (value != 0f) {
                count++;
            }
        }
        return count;
    }
}

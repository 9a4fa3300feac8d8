package spd.runtime.train;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import spd.runtime.base.Seeds;
import spd.runtime.data.Split;

/**
 * The training split laid out for fast steps: every epoch the features are gathered in a seeded random order
 * into one preallocated array, whose row blocks are the batches (views made once); targets and class indices
 * live in plain Java arrays for the loss.
 */
final class TrainingData {
    private final Split train;
    private final int batchSize;
    private final INDArray shuffled;
    private final List<INDArray> batches = new ArrayList<>();
    private final float[] targets;
    private final int[] classes;
    private final float[] shuffledTargets;
    private final int[] shuffledClasses;
    private final Map<Split, float[]> targetCache = new IdentityHashMap<>();
    private final Map<Split, int[]> classCache = new IdentityHashMap<>();

    TrainingData(Split train, int batchSize) {
        this.train = train;
        this.batchSize = batchSize;
        this.shuffled = Nd4j.createUninitialized(
                train.features().dataType(), train.features().shape(), 'c');
        int rows = train.size();
        for (int first = 0; first < rows; first += batchSize) {
            batches.add(
                    shuffled.get(NDArrayIndex.interval(first, Math.min(first + batchSize, rows)), NDArrayIndex.all()));
        }
        this.targets = targets(train);
        this.classes = classes(train);
        this.shuffledTargets = new float[targets.length];
        this.shuffledClasses = classes == null ? null : new int[classes.length];
    }

    /** Reorders the training split by the permutation of {@code seed}. */
    void shuffle(long seed) {
        int rows = train.size();
        int[] order = Seeds.permutation(rows, seed);
        Nd4j.pullRows(train.features(), shuffled, 1, order);
        int width = targets.length / Math.max(rows, 1);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(targets, order[r] * width, shuffledTargets, r * width, width);
            if (classes != null) {
                shuffledClasses[r] = classes[order[r]];
            }
        }
    }

    int batchSize() {
        return batchSize;
    }

    List<INDArray> batches() {
        return batches;
    }

    float[] shuffledTargets() {
        return shuffledTargets;
    }

    int[] shuffledClasses() {
        return shuffledClasses;
    }

    /** The targets of an evaluation split as a plain array (computed once per split). */
    float[] targetsOf(Split split) {
        return targetCache.computeIfAbsent(split, TrainingData::targets);
    }

    /** The class indices of an evaluation split (computed once per split). */
    int[] classesOf(Split split) {
        return classCache.computeIfAbsent(split, TrainingData::classes);
    }

    private static float[] targets(Split split) {
        return Pruner.floats(split.targets());
    }

    /** The class index of each row (the argmax of its one-hot target), or null for a single-output regression. */
    private static int[] classes(Split split) {
        int width = split.targets().columns();
        if (width < 2) {
            return null;
        }
        float[] values = targets(split);
        int[] classes = new int[split.size()];
        for (int r = 0; r < classes.length; r++) {
            int best = 0;
            for (int k = 1; k < width; k++) {
                if (values[r * width + k] > values[r * width + best]) {
                    best = k;
                }
            }
            classes[r] = best;
        }
        return classes;
    }
}

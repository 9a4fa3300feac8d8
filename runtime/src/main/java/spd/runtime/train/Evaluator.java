package spd.runtime.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.data.Split;
import spd.runtime.nn.Loss;
import spd.runtime.reg.LayerRegularizer;

/** Evaluates a model with its pruned weights: loss, accuracy and error on a split, and nonzero counts. */
final class Evaluator {
    private final Model model;
    private final TrainingData training;

    Evaluator(Model model, TrainingData training) {
        this.model = model;
        this.training = training;
    }

    /** The pruned model on a split. */
    Evaluation on(Split split, boolean classification) {
        Pruned pruned = prune();
        INDArray features = split.features();
        int[] classes = classification ? training.classesOf(split) : null;
        Loss.Score score = model.network().evaluate(pruned.weights(), features, training.targetsOf(split), classes);
        long n = features.rows();
        double loss = score.lossSum() / n;
        double accuracy = classification ? (double) score.correct() / n : Double.NaN;
        double error = classification ? 1 - accuracy : 2 * loss;
        return pruned.counts(loss, accuracy, error);
    }

    /** Only the nonzero counts of the pruned weights (when there is no split to evaluate on). */
    Evaluation countsOnly() {
        return prune().counts(Double.NaN, Double.NaN, Double.NaN);
    }

    /** Every layer's pruned weights and their nonzero counts. */
    private record Pruned(List<INDArray> weights, Map<String, Evaluation.LayerCount> layers) {
        Evaluation counts(double loss, double accuracy, double error) {
            long nonzero = layers.values().stream()
                    .mapToLong(Evaluation.LayerCount::nonzero)
                    .sum();
            long total = layers.values().stream()
                    .mapToLong(Evaluation.LayerCount::total)
                    .sum();
            return new Evaluation(loss, accuracy, error, nonzero, total, layers);
        }
    }

    private Pruned prune() {
        List<INDArray> weights = new ArrayList<>();
        Map<String, Evaluation.LayerCount> layers = new LinkedHashMap<>();
        for (LayerRegularizer regularizer : model.regularizers()) {
            String layer = regularizer.layer().name();
            INDArray pruned =
                    Pruner.prunedWeights(regularizer, model.experiment().pruning(layer));
            weights.add(pruned);
            layers.put(layer, new Evaluation.LayerCount(Pruner.countNonzero(pruned), pruned.length()));
        }
        return new Pruned(weights, layers);
    }
}

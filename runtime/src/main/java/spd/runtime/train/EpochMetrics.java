package spd.runtime.train;

import java.util.Map;

/**
 * The measurements of one finished epoch. Training loss and accuracy are running means over the epoch's
 * batches (with the masks the rule sampled) plus, for the loss, the explicit penalty at the epoch's end;
 * validation numbers use the pruned weights. Accuracy is NaN for regression and validation numbers are NaN
 * when there is no validation split.
 *
 * @param epoch the 1-based epoch
 * @param nonzeroByLayer the fraction of nonzero weights per layer after pruning, in layer order
 */
public record EpochMetrics(
        int epoch,
        double learningRate,
        double trainLoss,
        double trainAccuracy,
        double validationLoss,
        double validationAccuracy,
        double nonzeroFraction,
        Map<String, Double> nonzeroByLayer,
        double samplesPerSecond,
        double seconds) {

    /** 1 - validation accuracy, or NaN. */
    public double validationError() {
        return 1 - validationAccuracy;
    }
}

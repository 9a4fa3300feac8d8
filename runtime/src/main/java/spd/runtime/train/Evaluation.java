package spd.runtime.train;

import java.util.Map;

/**
 * The model evaluated with pruned weights on one split: mean loss, accuracy (NaN for regression) and error
 * (1 - accuracy, or the mean squared error for regression), with the nonzero counts of the weights used.
 */
public record Evaluation(
        double loss, double accuracy, double error, long nonzero, long total, Map<String, LayerCount> layers) {

    /** The nonzero and total weight counts of one layer. */
    public record LayerCount(long nonzero, long total) {
        /** nonzero / total. */
        public double fraction() {
            return (double) nonzero / total;
        }
    }

    /** The fraction of weights (biases excluded) that are nonzero after pruning. */
    public double nonzeroFraction() {
        return (double) nonzero / total;
    }
}

package spd.runtime.nn;

/**
 * A training loss over a batch of network outputs held in plain Java arrays (batch x width, row-major):
 * the outputs are small (10 logits per example for MNIST), so this is cheaper than a chain of native ops.
 */
public sealed interface Loss {
    /**
     * Returns the summed loss and correct count of the batch and, when {@code gradient} is not null, writes
     * dL/d(output) of the batch-mean loss into it.
     *
     * @param outputs the network outputs, {@code batch x width}
     * @param targets the targets of the whole split, row-major; the batch starts at row {@code firstRow}
     * @param classes the class index of each row of {@code targets}, or null for regression
     */
    Score evaluate(float[] outputs, float[] targets, int[] classes, int firstRow, int batch, float[] gradient);

    /** A batch's summed loss and number of correct predictions (0 for regression). */
    record Score(double lossSum, long correct) {}

    /** The loss a network declares. */
    static Loss of(LossKind kind) {
        return switch (kind) {
            case CROSS_ENTROPY -> new SoftmaxCrossEntropy();
            case SQUARED -> new Squared();
        };
    }

    /** Softmax cross-entropy on logits; the mean over the batch is what is differentiated. */
    record SoftmaxCrossEntropy() implements Loss {
        @Override
        public Score evaluate(
                float[] outputs, float[] targets, int[] classes, int firstRow, int batch, float[] gradient) {
            int width = outputs.length / batch;
            double lossSum = 0;
            long correct = 0;
            for (int row = 0; row < batch; row++) {
                int base = row * width;
                int label = classes[firstRow + row];
                int best = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < width; k++) {
                    if (outputs[base + k] > max) {
                        max = outputs[base + k];
                        best = k;
                    }
                }
                double sum = 0;
                for (int k = 0; k < width; k++) {
                    sum += Math.exp(outputs[base + k] - max);
                }
                double logSum = max + Math.log(sum);
                lossSum += logSum - outputs[base + label];
                correct += best == label ? 1 : 0;
                if (gradient != null) {
                    for (int k = 0; k < width; k++) {
                        double probability = Math.exp(outputs[base + k] - logSum);
                        gradient[base + k] = (float) ((probability - (k == label ? 1 : 0)) / batch);
                    }
                }
            }
            return new Score(lossSum, correct);
        }
    }

    /** Half the squared error summed over outputs, (1/2B) sum ||y - yhat||^2 for the batch mean. */
    record Squared() implements Loss {
        @Override
        public Score evaluate(
                float[] outputs, float[] targets, int[] classes, int firstRow, int batch, float[] gradient) {
            int width = outputs.length / batch;
            double lossSum = 0;
            int offset = firstRow * width;
            for (int i = 0; i < outputs.length; i++) {
                double residual = outputs[i] - targets[offset + i];
                lossSum += 0.5 * residual * residual;
                if (gradient != null) {
                    gradient[i] = (float) (residual / batch);
                }
            }
            return new Score(lossSum, 0);
        }
    }
}

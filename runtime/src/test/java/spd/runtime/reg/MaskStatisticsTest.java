package spd.runtime.reg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Activation;
import spd.runtime.nn.Dense;
import spd.runtime.nn.DenseSpec;

/**
 * Statistics of the sampled masks: mean 1, the declared variance, Bernoulli counts that pass a chi-square
 * test, exact 1/keep scaling, and the edge cases keep = 0 and keep = 1.
 */
class MaskStatisticsTest {
    private static final int ROWS = 60;
    private static final int GROUPS = 6;
    private static final int COLUMNS = 100;
    private static final int SAMPLES = 200;
    private static final double[] KEEP = {0.0, 0.1, 0.3, 0.5, 0.9, 1.0};
    private static final double[] VARIANCE = {0.0, 0.04, 0.25, 1.0, 4.0, 9.0};

    /** A parameter per weight that depends only on its row group: rows 10g..10g+9 get values[g]. */
    private static INDArray grouped(long[] shape, double[] values) {
        INDArray out = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
        for (int r = 0; r < shape[0]; r++) {
            out.getRow(r).assign(values[r / (ROWS / GROUPS)]);
        }
        return out;
    }

    private static Dense layer() {
        return Dense.initialised(new DenseSpec("fc1", ROWS, COLUMNS, Activation.NONE, false), 1);
    }

    /** Samples masks and returns, per group, {sum, sum of squares, kept count}. */
    private static double[][] sample(Regularizer rule) {
        Dense layer = layer();
        LayerRegularizer state = rule.attach(layer);
        TestStepContext context = new TestStepContext(17, 0.1);
        double[][] stats = new double[GROUPS][3];
        for (int s = 0; s < SAMPLES; s++) {
            context.setStep(s);
            state.beforeStep(context);
            float[] mask = state.trainingWeights().div(layer.weights()).data().asFloat();
            for (int i = 0; i < mask.length; i++) {
                double[] group = stats[(i / COLUMNS) / (ROWS / GROUPS)];
                group[0] += mask[i];
                group[1] += (double) mask[i] * mask[i];
                group[2] += mask[i] != 0 ? 1 : 0;
            }
        }
        return stats;
    }

    @Test
    void bernoulliMasksHaveMeanOneVarianceOfKeepAndPassChiSquare() {
        double[][] stats = sample(Regularizers.bernoulli(w -> grouped(w.shape(), KEEP)));
        double n = (double) SAMPLES * COLUMNS * (ROWS / GROUPS);
        double chiSquare = 0;
        int degrees = 0;
        for (int g = 0; g < GROUPS; g++) {
            double p = KEEP[g];
            double kept = stats[g][2];
            if (p == 0) {
                assertEquals(0, kept, "a weight with keep 0 is never kept");
                continue;
            }
            double mean = stats[g][0] / n;
            double variance = stats[g][1] / n - mean * mean;
            double expectedVariance = (1 - p) / p;
            assertEquals(1, mean, 5 * Math.sqrt(expectedVariance / n) + 1e-6, "mean of the mask at keep " + p);
            assertEquals(expectedVariance, variance, 0.1 * expectedVariance + 1e-6, "variance at keep " + p);
            if (p < 1) {
                chiSquare += Math.pow(kept - n * p, 2) / (n * p * (1 - p));
                degrees++;
            } else {
                assertEquals(n, kept, "a weight with keep 1 is always kept");
            }
        }
        // The 0.999 quantile of chi-square with 4 degrees of freedom is 18.47.
        assertEquals(4, degrees);
        assertTrue(chiSquare < 18.47, "chi-square " + chiSquare + " of the kept counts");
    }

    @Test
    void keptWeightsAreScaledByExactlyOneOverKeep() {
        Dense layer = layer();
        LayerRegularizer state =
                Regularizers.bernoulli(w -> grouped(w.shape(), KEEP)).attach(layer);
        state.beforeStep(new TestStepContext(5, 0.1));
        float[] mask = state.trainingWeights().div(layer.weights()).data().asFloat();
        for (int i = 0; i < mask.length; i++) {
            double p = KEEP[(i / COLUMNS) / (ROWS / GROUPS)];
            if (mask[i] != 0) {
                assertEquals(1 / p, mask[i], 1e-4 / p);
            }
        }
    }

    @Test
    void gaussianMasksHaveMeanOneAndTheDeclaredVariance() {
        double[][] stats = sample(Regularizers.gaussian(w -> grouped(w.shape(), VARIANCE)));
        double n = (double) SAMPLES * COLUMNS * (ROWS / GROUPS);
        for (int g = 0; g < GROUPS; g++) {
            double v = VARIANCE[g];
            double mean = stats[g][0] / n;
            double variance = stats[g][1] / n - mean * mean;
            assertEquals(1, mean, 5 * Math.sqrt(v / n) + 1e-6, "mean of the mask at variance " + v);
            assertEquals(v, variance, 5 * Math.sqrt(2 * v * v / n) + 1e-6, "variance " + v);
        }
    }

    @Test
    void masksChangeEveryStepAndRepeatWithTheSeed() {
        Dense layer = layer();
        LayerRegularizer first = Regularizers.bernoulliFixed(0.5).attach(layer);
        TestStepContext context = new TestStepContext(9, 0.1);
        first.beforeStep(context);
        INDArray stepOne = first.trainingWeights().dup();
        first.beforeStep(context);
        assertTrue(!stepOne.equals(first.trainingWeights()), "a new mask every step");
        LayerRegularizer second = Regularizers.bernoulliFixed(0.5).attach(layer);
        second.beforeStep(new TestStepContext(9, 0.1));
        assertEquals(stepOne, second.trainingWeights(), "the same seed draws the same mask");
    }
}

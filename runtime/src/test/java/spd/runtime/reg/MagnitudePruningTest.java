package spd.runtime.reg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.base.RunException;
import spd.runtime.reg.MagnitudePruning.Ramp;

/** Gradual magnitude pruning: the ramps, the selection of the smallest weights, a monotone mask. */
class MagnitudePruningTest {

    @Test
    void rampsFollowZhuAndGupta() {
        assertEquals(0, Ramp.CUBIC.sparsity(0.9, 0), 0);
        assertEquals(0.9 * 0.875, Ramp.CUBIC.sparsity(0.9, 0.5), 1e-12);
        assertEquals(0.9, Ramp.CUBIC.sparsity(0.9, 1), 1e-12);
        assertEquals(0.9, Ramp.CUBIC.sparsity(0.9, 1.5), 1e-12);
        assertEquals(0.45, Ramp.LINEAR.sparsity(0.9, 0.5), 1e-12);
    }

    /** Simulates training: a random update, then the rule's after-update hook, for every step of the epochs. */
    private static int[] zerosPerEpoch(RuleGradientCheck check, int epochs, int stepsPerEpoch) {
        RewindableStepContext step = new RewindableStepContext(1, 100, stepsPerEpoch, epochs);
        SplittableRandom random = new SplittableRandom(5);
        INDArray w = check.layer().weights();
        int[] zeros = new int[epochs];
        for (long t = 0; t < (long) epochs * stepsPerEpoch; t++) {
            float[] noise = new float[(int) w.length()];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) (0.01 * random.nextGaussian());
            }
            w.addi(Nd4j.create(noise, w.shape(), 'c'));
            check.rule().afterUpdate(step.at(t));
            zeros[(int) (t / stepsPerEpoch)] = countZeros(w);
        }
        return zeros;
    }

    private static int countZeros(INDArray w) {
        return (int) (w.length() - w.neq(0).castTo(DataType.INT32).sumNumber().longValue());
    }

    @Test
    void reachesTheTargetAtTheEndOfTheRangeAndKeepsPrunedWeightsAtZero() {
        RuleGradientCheck check = new RuleGradientCheck(MagnitudePruning.cubic(0.8, 2, 4, 3), 20, 10, 1, 3);
        int[] zeros = zerosPerEpoch(check, 6, 10);
        assertEquals(0, zeros[0]);
        assertTrue(zeros[1] > 0 && zeros[1] < zeros[2] && zeros[2] < zeros[3], Arrays.toString(zeros));
        assertEquals(160, zeros[3]);
        assertEquals(160, zeros[4]);
        assertEquals(160, zeros[5]);
        INDArray mask = check.rule().state().get("mask");
        assertEquals(check.layer().weights().neq(0).castTo(DataType.FLOAT), mask);
    }

    @Test
    void prunesTheSmallestMagnitudesAndNeverRevivesAWeight() {
        RuleGradientCheck check = new RuleGradientCheck(MagnitudePruning.linear(0.5, 1, 1, 1), 4, 2, 1, 3);
        INDArray w = check.layer().weights();
        w.assign(Nd4j.createFromArray(0.5f, -0.1f, 2f, 0.3f, -0.05f, 1f, -3f, 0.2f)
                .reshape(4, 2));
        MagnitudePruningLayer layer = (MagnitudePruningLayer) check.rule();
        layer.prune(0.25);
        w.muli(check.rule().state().get("mask"));
        assertEquals(Nd4j.createFromArray(0.5f, 0f, 2f, 0.3f, 0f, 1f, -3f, 0.2f).reshape(4, 2), w);
        // The pruned weights now tie at 0 with a weight that was zero all along; the mask must still only grow.
        w.putScalar(7, 0f);
        layer.prune(0.375);
        INDArray mask = check.rule().state().get("mask");
        assertEquals(0, mask.getDouble(1));
        assertEquals(0, mask.getDouble(4));
        assertEquals(0, mask.getDouble(7));
        assertEquals(5, mask.sumNumber().intValue());
    }

    @Test
    void masksTheGradientOfPrunedWeights() {
        RuleGradientCheck check = new RuleGradientCheck(MagnitudePruning.linear(0.5, 1, 1, 1), 4, 2, 1, 3);
        ((MagnitudePruningLayer) check.rule()).prune(0.5);
        INDArray gradient = Nd4j.ones(DataType.FLOAT, 4, 2);
        check.rule().backwardWeights(gradient);
        assertEquals(check.rule().state().get("mask"), gradient);
    }

    @Test
    void saysSoWhenTheRampOutlastsTraining() {
        RuleGradientCheck check = new RuleGradientCheck(MagnitudePruning.cubic(0.5, 1, 10, 1), 4, 2, 1, 3);
        RunException e = assertThrows(
                RunException.class, () -> check.rule().afterUpdate(new RewindableStepContext(1, 10, 5, 3).at(0)));
        assertTrue(e.getMessage().contains("end the ramp at epoch 3"), e.getMessage());
    }
}

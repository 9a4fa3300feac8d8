package spd.runtime.reg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Parameter;

/** Hard-concrete gates: gradients through the sample, gate statistics, test-time gate and expected L0. */
class HardConcreteTest {
    private static final double SHIFT = 2.0 / 3.0 * Math.log(0.1 / 1.1);

    @Test
    void gradientsThroughTheSampledGatesMatchFiniteDifferences() {
        RuleGradientCheck check = new RuleGradientCheck(HardConcrete.of(0.3), 6, 4, 5, 9);
        Parameter logA = check.rule().parameters().get(0);
        logA.value()
                .assign(Nd4j.linspace(-2, 3, logA.value().length(), DataType.FLOAT)
                        .reshape(logA.value().shape()));
        check.check(15, 1e-2, 3e-3);
    }

    @Test
    void gatesStartOpenWithTheInitialProbability() {
        RuleGradientCheck check = new RuleGradientCheck(HardConcrete.of(1e-3), 3, 2, 4, 1);
        INDArray keep = check.rule().keepProbability().orElseThrow();
        assertEquals(0.5, keep.minNumber().doubleValue(), 1e-6);
        assertEquals(0.5, keep.maxNumber().doubleValue(), 1e-6);
        // log_a = beta log(-gamma/zeta) = -1.59859 (theory.md row 11: P(z != 0) = sigmoid(log_a + 1.59859)).
        assertEquals(-1.59859, check.rule().parameters().get(0).value().getDouble(0), 1e-5);
    }

    @Test
    void sampledGatesHaveTheClosedFormProbabilityOfBeingNonzero() {
        RuleGradientCheck check = new RuleGradientCheck(HardConcrete.of(0), 40, 50, 1, 2);
        Parameter logA = check.rule().parameters().get(0);
        logA.value().assign(0.7);
        check.layer().weights().assign(1);
        RewindableStepContext step = check.step();
        long nonzero = 0;
        long total = 0;
        double sum = 0;
        for (int s = 0; s < 20; s++) {
            check.rule().beforeStep(step.at(s));
            INDArray z = check.rule().trainingWeights();
            nonzero += z.neq(0).castTo(DataType.INT32).sumNumber().longValue();
            total += z.length();
            sum += z.sumNumber().doubleValue();
        }
        double p = 1 / (1 + Math.exp(-(0.7 - SHIFT)));
        assertEquals(p, (double) nonzero / total, 0.01);
        assertEquals(p, check.rule().keepProbability().orElseThrow().getDouble(0), 1e-6);
        assertTrue(sum / total > 0 && sum / total < 1);
    }

    @Test
    void evaluationUsesTheDeterministicGateAndThePenaltyIsTheExpectedL0() {
        RuleGradientCheck check = new RuleGradientCheck(HardConcrete.of(0.25), 2, 2, 1, 4);
        INDArray w = check.layer().weights().assign(2);
        Parameter logA = check.rule().parameters().get(0);
        logA.value().assign(Nd4j.createFromArray(-5f, 0f, 1f, 6f).reshape(2, 2));
        INDArray evaluated = check.rule().evaluationWeights();
        double[] logAs = {-5, 0, 1, 6};
        double penalty = 0;
        for (int i = 0; i < 4; i++) {
            double gate = Math.max(0, Math.min(1, 1.2 / (1 + Math.exp(-logAs[i])) - 0.1));
            assertEquals(2 * gate, evaluated.getDouble(i), 1e-6);
            penalty += 0.25 / (1 + Math.exp(-(logAs[i] - SHIFT)));
        }
        assertEquals(0, evaluated.getDouble(0));
        assertEquals(2, evaluated.getDouble(3), 0);
        assertEquals(penalty, check.rule().penalty(), 1e-6);
        assertEquals(2, w.getDouble(0));
    }

    @Test
    void rejectsConstantsOutsideTheirRanges() {
        assertThrows(IllegalArgumentException.class, () -> HardConcrete.of(1, 2.0 / 3, 0.1, 1.1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> HardConcrete.of(1, 2.0 / 3, -0.1, 1.1, 1));
        assertThrows(IllegalArgumentException.class, () -> HardConcrete.of(-1));
    }
}

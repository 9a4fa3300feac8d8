package spd.runtime.reg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Parameter;

/** The eta-trick: gradients by finite differences, its initial keep probability, and min over eta = Omega. */
class EtaTrickTest {
    private static final LogSum LOG_SUM = new LogSum(2);

    private static EtaTrick logSum(double lambda, double init, double decay) {
        return EtaTrick.of(lambda, LOG_SUM::dual, LOG_SUM::dualDerivative, init, decay);
    }

    @Test
    void theLogSumDualOfTheTestsMatchesTheTheoryOracles() {
        INDArray eta = Nd4j.createFromArray(0.1f, 1f, 10f);
        INDArray f = LOG_SUM.dual(eta);
        assertEquals(1.410694, f.getDouble(0), 1e-5);
        assertEquals(1.591174, f.getDouble(1), 1e-5);
        assertEquals(2.388273, f.getDouble(2), 1e-5);
        double h = 1e-2;
        INDArray up = LOG_SUM.dual(Nd4j.createFromArray(1 + h).castTo(DataType.FLOAT));
        INDArray down = LOG_SUM.dual(Nd4j.createFromArray(1 - h).castTo(DataType.FLOAT));
        double numeric = (up.getDouble(0) - down.getDouble(0)) / (2 * h);
        assertEquals(numeric, LOG_SUM.dualDerivative(eta).getDouble(1), 1e-3);
    }

    @Test
    void gradientsOfWeightsAndThetaMatchFiniteDifferences() {
        RuleGradientCheck check = new RuleGradientCheck(logSum(0.3, 0.5, 0.1), 6, 4, 5, 42);
        // Spread theta so that eta varies over two decades.
        Parameter theta = check.rule().parameters().get(0);
        theta.value()
                .assign(Nd4j.linspace(-2, 2, theta.value().length(), DataType.FLOAT)
                        .reshape(theta.value().shape()));
        check.check(12, 1e-2, 2e-3);
    }

    @Test
    void startsAtTheInitialKeepProbabilityAndMasksNothing() {
        RuleGradientCheck check = new RuleGradientCheck(logSum(1e-3, 5, 1e-3), 3, 2, 4, 1);
        INDArray keep = check.rule().keepProbability().orElseThrow();
        assertEquals(0.993307, keep.minNumber().doubleValue(), 1e-6);
        assertEquals(0.993307, keep.maxNumber().doubleValue(), 1e-6);
        assertEquals(check.layer().weights(), check.rule().trainingWeights());
        assertEquals(check.layer().weights(), check.rule().evaluationWeights());
    }

    @Test
    void minimisingOverThetaRecoversTheAdaptiveRuleAndTheEffectivePenalty() {
        double lambda = 0.5;
        RuleGradientCheck check = new RuleGradientCheck(logSum(lambda, 0, 0), 5, 4, 2, 7);
        INDArray w = check.layer().weights();
        w.assign(Nd4j.linspace(-3, 3, w.length(), DataType.FLOAT).reshape(w.shape()));
        Parameter theta = check.rule().parameters().get(0);
        INDArray zeroDataGradient = Nd4j.zeros(DataType.FLOAT, w.shape());
        for (int i = 0; i < 4000; i++) {
            check.rule().backwardWeights(zeroDataGradient.dup());
            theta.value().subi(theta.gradient().mul(2.0));
        }
        INDArray eta = org.nd4j.linalg.ops.transforms.Transforms.exp(theta.value(), true)
                .muli(lambda);
        INDArray etaHat = LOG_SUM.etaHat(w);
        double omega = 0;
        for (long i = 0; i < w.length(); i++) {
            if (Math.abs(w.getDouble(i)) > 0.2) {
                assertEquals(
                        etaHat.getDouble(i),
                        eta.getDouble(i),
                        2e-3 * (1 + etaHat.getDouble(i)),
                        "eta at w=" + w.getDouble(i));
            }
            omega += LOG_SUM.omega(w.getDouble(i));
        }
        // (1/2) min_eta [w^2/eta + f(eta)] = Omega(w) + f(0+)/2, and f(0+) = 2 log eps for this dual.
        double constant = w.length() * Math.log(2);
        assertEquals(lambda * (omega + constant), check.rule().penalty(), 1e-4);
    }

    @Test
    void rejectsANonPositiveLambda() {
        assertThrows(IllegalArgumentException.class, () -> logSum(0, 5, 0));
    }
}

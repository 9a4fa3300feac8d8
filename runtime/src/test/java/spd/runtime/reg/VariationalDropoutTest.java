package spd.runtime.reg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Parameter;
import spd.runtime.reg.VariationalDropout.Reparameterization;

/** Variational dropout: the KL against the theory's oracles, gradients, initialisation, LRT moments, evaluation. */
class VariationalDropoutTest {

    @Test
    void theKlMatchesTheTheoryOraclesOfTheApproximateDual() {
        // theory.md 6.2: the approximate dual f(eta) = 2 KL(log alpha = -ln eta) with f(0+) = 0.
        assertEquals(0.0101577, 2 * MolchanovKl.value(-Math.log(0.01)), 1e-7);
        assertEquals(0.8624779, 2 * MolchanovKl.value(0), 1e-7);
        assertEquals(3.4469051, 2 * MolchanovKl.value(-Math.log(10)), 1e-7);
        assertEquals(8.1799884, 2 * MolchanovKl.value(-Math.log(1000)), 1e-6);
        assertEquals(0, MolchanovKl.value(40), 1e-9);
    }

    @Test
    void theKlSlopeIsItsDerivative() {
        for (double logAlpha : new double[] {-9, -3, -0.5, 0, 1.2, 4, 9}) {
            double h = 1e-5;
            double numeric = (MolchanovKl.value(logAlpha + h) - MolchanovKl.value(logAlpha - h)) / (2 * h);
            double slope = MolchanovKl.slope(logAlpha, 1 / (1 + Math.exp(logAlpha)));
            assertEquals(numeric, slope, 1e-8, "at log alpha " + logAlpha);
        }
    }

    /** A layer whose weights stay away from 0 and whose log alpha is spread inside the clamp range. */
    private static RuleGradientCheck spread(Reparameterization kind) {
        RuleGradientCheck check = new RuleGradientCheck(VariationalDropout.of(kind, Math.log(19)), 6, 4, 5, 3, 4);
        INDArray w = check.layer().weights();
        INDArray magnitudes = Nd4j.linspace(0.3, 1.5, w.length(), DataType.FLOAT);
        for (long i = 0; i < w.length(); i++) {
            w.putScalar(i, (i % 2 == 0 ? 1 : -1) * magnitudes.getDouble((i * 7) % w.length()));
        }
        Parameter noise = check.rule().parameters().get(0);
        noise.value()
                .assign(Nd4j.linspace(-3, 0.5, noise.value().length(), DataType.FLOAT)
                        .reshape(w.shape()));
        return check;
    }

    @ParameterizedTest
    @EnumSource(Reparameterization.class)
    void gradientsMatchFiniteDifferencesWithTheNoiseFrozen(Reparameterization kind) {
        spread(kind).check(12, 1e-2, 3e-3);
    }

    @ParameterizedTest
    @EnumSource(Reparameterization.class)
    void initialisesLikeTheReference(Reparameterization kind) {
        RuleGradientCheck check = new RuleGradientCheck(VariationalDropout.of(kind, Math.log(19)), 300, 200, 2, 5);
        INDArray w = check.layer().weights();
        assertEquals(0, w.meanNumber().doubleValue(), 1e-3);
        assertEquals(0.02, w.stdNumber().doubleValue(), 5e-4);
        assertEquals(0, check.layer().bias().value().amaxNumber().doubleValue());
        INDArray noise = check.rule().parameters().get(0).value();
        assertEquals(-5, noise.minNumber().doubleValue());
        assertEquals(-5, noise.maxNumber().doubleValue());
    }

    @ParameterizedTest
    @EnumSource(Reparameterization.class)
    void evaluationZeroesTheWeightsWhoseLogAlphaReachesTheThreshold(Reparameterization kind) {
        RuleGradientCheck check = spread(kind);
        INDArray noise = check.rule().parameters().get(0).value();
        for (long i = 0; i < 5; i++) {
            noise.putScalar(i * 3, 4.0); // log alpha >= 4 > ln 19 in every parameterization here
        }
        INDArray logAlpha = check.rule().logAlpha().orElseThrow();
        INDArray keep = check.rule().keepProbability().orElseThrow();
        INDArray evaluated = check.rule().evaluationWeights();
        INDArray w = check.layer().weights();
        int pruned = 0;
        for (long i = 0; i < w.length(); i++) {
            double la = logAlpha.getDouble(i);
            assertEquals(1 / (1 + Math.exp(la)), keep.getDouble(i), 1e-6);
            boolean zero = la >= Math.log(19);
            pruned += zero ? 1 : 0;
            assertEquals(zero ? 0 : w.getDouble(i), evaluated.getDouble(i), 0.0);
        }
        assertTrue(pruned > 0 && pruned < w.length(), "the spread covers both sides of the threshold: " + pruned);
    }

    @Test
    void additiveLogAlphaIsTwiceLogSigmaOverWeightClampedToTen() {
        RuleGradientCheck check = spread(Reparameterization.ADDITIVE);
        INDArray w = check.layer().weights();
        INDArray logSigma = check.rule().parameters().get(0).value();
        w.putScalar(0, 1e-7);
        INDArray logAlpha = check.rule().logAlpha().orElseThrow();
        assertEquals(10, logAlpha.getDouble(0), 0);
        double expected = 2 * logSigma.getDouble(1) - 2 * Math.log(Math.abs(w.getDouble(1)));
        assertEquals(expected, logAlpha.getDouble(1), 1e-5);
    }

    @ParameterizedTest
    @EnumSource(
            value = Reparameterization.class,
            names = {"ADDITIVE", "LOCAL"})
    void theLocalReparameterizationSamplesTheRightMeanAndVariance(Reparameterization kind) {
        RuleGradientCheck check = spread(kind);
        INDArray w = check.layer().weights();
        INDArray logAlpha = check.rule().logAlpha().orElseThrow();
        // sigma^2 = alpha W^2 in both parameterizations (no clamp is active for the spread layer).
        INDArray sigma2 = org.nd4j.linalg.ops.transforms.Transforms.exp(logAlpha, true)
                .muli(w)
                .muli(w);
        INDArray x = check.input();
        INDArray mean = x.mmul(w).addiRowVector(check.layer().bias().value());
        INDArray variance = x.mul(x).mmul(sigma2);
        int samples = 20000;
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, mean.shape());
        INDArray sumSquares = Nd4j.zeros(DataType.DOUBLE, mean.shape());
        for (int s = 0; s < samples; s++) {
            check.rule().beforeStep(check.step());
            INDArray out = check.layer().forwardTraining(x).castTo(DataType.DOUBLE);
            sum.addi(out);
            sumSquares.addi(out.mul(out));
        }
        INDArray sampleMean = sum.div(samples);
        INDArray sampleVariance = sumSquares.div(samples).subi(sampleMean.mul(sampleMean));
        for (long i = 0; i < mean.length(); i++) {
            double sd = Math.sqrt(variance.getDouble(i) + 1e-8);
            assertEquals(mean.getDouble(i), sampleMean.getDouble(i), 5 * sd / Math.sqrt(samples) + 1e-5);
            assertEquals(variance.getDouble(i), sampleVariance.getDouble(i), 0.05 * variance.getDouble(i) + 1e-6);
        }
    }

    @Test
    void thePenaltyIsTheSummedKlOverTheTrainingSetSize() {
        RuleGradientCheck check = spread(Reparameterization.LOCAL);
        check.rule().beforeStep(check.step());
        INDArray logAlpha = check.rule().parameters().get(0).value();
        double sum = 0;
        for (long i = 0; i < logAlpha.length(); i++) {
            sum += MolchanovKl.value(logAlpha.getDouble(i));
        }
        assertEquals(sum / 4, check.rule().penalty(), 1e-6);
    }

    @Test
    void additiveAndLocalAreTheSameModelAtCorrespondingParameters() {
        // log sigma = log alpha/2 + log|W|: same posterior, so the same sampled outputs and the same KL.
        RuleGradientCheck local = spread(Reparameterization.LOCAL);
        RuleGradientCheck additive = spread(Reparameterization.ADDITIVE);
        INDArray w = local.layer().weights();
        additive.layer().weights().assign(w);
        additive.layer().bias().value().assign(local.layer().bias().value());
        INDArray logAlpha = local.rule().parameters().get(0).value();
        INDArray logSigma = logAlpha.div(2)
                .addi(org.nd4j.linalg.ops.transforms.Transforms.log(
                        org.nd4j.linalg.ops.transforms.Transforms.abs(w, true), false));
        additive.rule().parameters().get(0).value().assign(logSigma);
        assertEquals(local.objective(), additive.objective(), 1e-4 * Math.abs(local.objective()));
        assertEquals(local.rule().penalty(), additive.rule().penalty(), 1e-5);
        assertEquals(
                local.rule().logAlpha().orElseThrow().castTo(DataType.DOUBLE),
                additive.rule().logAlpha().orElseThrow().castTo(DataType.DOUBLE));
    }
}

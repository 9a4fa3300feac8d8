package spd.runtime.reg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import spd.runtime.base.WeightFunction;
import spd.runtime.nn.LossKind;

/** Finite-difference checks of every core rule's training step, with the step's masks frozen. */
class GradientCheckTest {
    private static final double LAMBDA = 0.05;
    private static final double EPS = 0.5;

    /** eta = |w| (|w| + eps); keep = eta / (eta + lambda), as generated code would write it. */
    private static INDArray keep(INDArray w) {
        INDArray absW = Transforms.abs(w, true);
        INDArray eta = absW.add(EPS).muli(absW);
        return eta.div(eta.add(LAMBDA));
    }

    private static INDArray logSum(INDArray w) {
        return Transforms.log(Transforms.abs(w, true).divi(EPS).addi(1.0), false)
                .muli(LAMBDA * 20);
    }

    private static INDArray logSumGradient(INDArray w) {
        return Transforms.sign(w, true).divi(Transforms.abs(w, true).addi(EPS)).muli(LAMBDA * 20);
    }

    private static void checkMasked(Regularizer rule, LossKind loss) {
        GradientCheck check = GradientCheck.of(rule, loss);
        check.step(new TestStepContext(3, 0.1));
        List<INDArray> masks = check.frozenMasks();
        check.assertGradientsMatch(c -> c.maskedDataLoss(masks));
    }

    @Test
    void unregularizedCrossEntropy() {
        checkMasked(null, LossKind.CROSS_ENTROPY);
    }

    @Test
    void convAndPoolingUnregularized() {
        GradientCheck check = GradientCheck.ofConv(null, LossKind.CROSS_ENTROPY);
        check.step(new TestStepContext(3, 0.1));
        List<INDArray> masks = check.frozenMasks();
        check.assertGradientsMatch(c -> c.maskedDataLoss(masks));
    }

    @Test
    void convAndPoolingThroughAnAdaptiveBernoulliMask() {
        GradientCheck check =
                GradientCheck.ofConv(Regularizers.bernoulli(GradientCheckTest::keep), LossKind.CROSS_ENTROPY);
        check.step(new TestStepContext(3, 0.1));
        List<INDArray> masks = check.frozenMasks();
        check.assertGradientsMatch(c -> c.maskedDataLoss(masks));
    }

    @Test
    void convAndPoolingThroughAGaussianMaskWithSquaredLoss() {
        WeightFunction variance = w -> Transforms.abs(w, true).addi(0.1).rdivi(LAMBDA);
        GradientCheck check = GradientCheck.ofConv(Regularizers.gaussian(variance), LossKind.SQUARED);
        check.step(new TestStepContext(3, 0.1));
        List<INDArray> masks = check.frozenMasks();
        check.assertGradientsMatch(c -> c.maskedDataLoss(masks));
    }

    @Test
    void unregularizedSquaredLoss() {
        checkMasked(null, LossKind.SQUARED);
    }

    @Test
    void classicalPenaltyAddsItsGradient() {
        GradientCheck check = GradientCheck.of(
                Regularizers.penalty(GradientCheckTest::logSum, GradientCheckTest::logSumGradient),
                LossKind.CROSS_ENTROPY);
        check.step(new TestStepContext(3, 0.1));
        List<INDArray> masks = check.frozenMasks();
        check.assertGradientsMatch(c -> c.maskedDataLoss(masks) + totalPenalty(c));
    }

    private static double totalPenalty(GradientCheck check) {
        return check.rules.stream().mapToDouble(LayerRegularizer::penalty).sum();
    }

    @Test
    void adaptiveBernoulliThroughTheMask() {
        checkMasked(Regularizers.bernoulli(GradientCheckTest::keep), LossKind.CROSS_ENTROPY);
    }

    @Test
    void fixedBernoulliThroughTheMask() {
        checkMasked(Regularizers.bernoulliFixed(0.6), LossKind.SQUARED);
    }

    @Test
    void gaussianMaskThroughTheMask() {
        WeightFunction variance = w -> Transforms.abs(w, true).addi(0.1).rdivi(LAMBDA);
        checkMasked(Regularizers.gaussian(variance), LossKind.CROSS_ENTROPY);
    }

    @Test
    void adaptiveTikhonovWithKeepFrozen() {
        GradientCheck check =
                GradientCheck.of(Regularizers.tikhonov(GradientCheckTest::keep, 1e-3), LossKind.CROSS_ENTROPY);
        check.step(new TestStepContext(3, 0.1));
        List<INDArray> masks = check.frozenMasks();
        List<INDArray> coefficients = check.network.layers().stream()
                .map(layer -> frozenCoefficient(layer.weights()))
                .toList();
        check.assertGradientsMatch(c -> c.maskedDataLoss(masks) + frozenTikhonov(c, coefficients));
    }

    /** (1 - a)/a with a = max(keep(W), 1e-3), computed once at the step's weights. */
    private static INDArray frozenCoefficient(INDArray weights) {
        INDArray alpha = Transforms.max(keep(weights), 1e-3, false);
        return alpha.rdiv(1.0).subi(1.0);
    }

    private static double frozenTikhonov(GradientCheck check, List<INDArray> coefficients) {
        double sum = 0;
        for (int k = 0; k < coefficients.size(); k++) {
            INDArray w = check.network.layers().get(k).weights();
            sum += 0.5 * coefficients.get(k).mul(w).mul(w).sumNumber().doubleValue();
        }
        return sum;
    }

    @Test
    void adaptiveTikhonovPenaltyValueMatchesItsDefinition() {
        GradientCheck check =
                GradientCheck.of(Regularizers.tikhonov(GradientCheckTest::keep, 1e-3), LossKind.CROSS_ENTROPY);
        for (LayerRegularizer rule : check.rules) {
            INDArray weights = rule.layer().weights();
            double expected = 0.5
                    * frozenCoefficient(weights)
                            .mul(weights)
                            .mul(weights)
                            .sumNumber()
                            .doubleValue();
            assertEquals(expected, rule.penalty(), 1e-6 * Math.max(1, Math.abs(expected)));
        }
    }
}

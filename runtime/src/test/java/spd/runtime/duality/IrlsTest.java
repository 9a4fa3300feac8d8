package spd.runtime.duality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import spd.runtime.base.WeightFunction;

/** IRLS against coordinate-descent lasso and the scalar fixed points of theory.md 6.4. */
class IrlsTest {
    private static final WeightFunction LASSO = w -> Transforms.abs(w, true);

    private static WeightFunction logSum(double eps) {
        return w -> {
            INDArray abs = Transforms.abs(w, true);
            return abs.add(eps).muli(abs);
        };
    }

    /** n = 50, d = 8 as in theory.md 4.1: X ~ N(0, 1), three nonzero true weights, noise 0.5. */
    private static LinearProblem smallProblem() {
        int n = 50;
        int d = 8;
        SplittableRandom random = new SplittableRandom(2021);
        double[] x = new double[n * d];
        double[] truth = {1.5, 0, 0, -0.8, 0, 0.3, 0, 0};
        double[] y = new double[n];
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < d; j++) {
                x[row * d + j] = random.nextGaussian();
                y[row] += x[row * d + j] * truth[j];
            }
            y[row] += 0.5 * random.nextGaussian();
        }
        return new LinearProblem(n, d, x, y, truth);
    }

    @Test
    void irlsForTheAbsoluteValueRuleIsTheLassoOfCoordinateDescent() {
        LinearProblem problem = smallProblem();
        Irls.Solution irls = Irls.solve(problem, 0.05, LASSO, DataFactor.UNIT, 100_000, 1e-13);
        double[] lasso = CoordinateDescentLasso.solve(problem, 0.05, 5000);
        assertTrue(irls.converged());
        assertArrayEquals(lasso, irls.weights(), 1e-5);
        int zeros = 0;
        for (double value : lasso) {
            zeros += value == 0 ? 1 : 0;
        }
        assertTrue(zeros > 0 && zeros < 8, "the lasso keeps some weights and zeroes others: " + zeros);
    }

    /** A one-weight problem with X = 1, y given: the loss is (y - w)^2/2. */
    private static LinearProblem scalar(double y) {
        return new LinearProblem(1, 1, new double[] {1}, new double[] {y}, new double[] {y});
    }

    @Test
    void reachesTheScalarFixedPointsOfTheTheory() {
        // theory.md 6.4: lasso soft threshold; log-sum fixed point ((y - eps) + sqrt((y + eps)^2 - 4 lambda))/2.
        assertEquals(
                2,
                Irls.solve(scalar(3), 1, LASSO, DataFactor.UNIT, 10_000, 1e-14).weights()[0],
                1e-9);
        assertEquals(
                0,
                Irls.solve(scalar(0.5), 1, LASSO, DataFactor.UNIT, 10_000, 1e-14)
                        .weights()[0],
                1e-9);
        assertEquals(
                2.7320508,
                Irls.solve(scalar(3), 1, logSum(1), DataFactor.UNIT, 10_000, 1e-14)
                        .weights()[0],
                1e-7);
        assertEquals(
                2.7912878,
                Irls.solve(scalar(3), 1, logSum(2), DataFactor.UNIT, 10_000, 1e-14)
                        .weights()[0],
                1e-7);
    }

    @Test
    void theDataFactorScalesThePenaltyByTheColumnMeanSquare() {
        // X = 2 (one row), y = 6: (1/2)(6 - 2w)^2 + lambda s |w| with s = 4: w = (12 - 4)/4 = 2 for lambda = 1.
        LinearProblem problem = new LinearProblem(1, 1, new double[] {2}, new double[] {6}, null);
        assertEquals(
                2,
                Irls.solve(problem, 1, LASSO, DataFactor.COLUMN_MEAN_SQUARE, 10_000, 1e-14)
                        .weights()[0],
                1e-9);
        assertEquals(
                2.75,
                Irls.solve(problem, 1, LASSO, DataFactor.UNIT, 10_000, 1e-14).weights()[0],
                1e-9);
    }

    @Test
    void rejectsARuleThatGivesANegativeEta() {
        WeightFunction negative = w -> w.neg();
        DualityCheck.NotApplicable e = assertThrows(
                DualityCheck.NotApplicable.class, () -> Irls.solve(scalar(3), 1, negative, DataFactor.UNIT, 10, 1e-9));
        assertTrue(e.getMessage().contains("eta >= 0"), e.getMessage());
    }
}

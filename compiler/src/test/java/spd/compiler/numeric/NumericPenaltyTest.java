package spd.compiler.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static spd.compiler.numeric.Oracle.assertPrinted;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import spd.compiler.numeric.BehaviourAtZero.Divergent;
import spd.compiler.numeric.BehaviourAtZero.FiniteSlope;
import spd.compiler.numeric.BehaviourAtZero.InfiniteSlope;

/** Theory §3.1 closed forms and §6.1 oracles, computed from the rules η̂ alone. */
class NumericPenaltyTest {

    private static final double[] WS = {1e-6, 0.01, 0.1, 0.5, 1, 2, 3, 10, 100};

    /** Omega at every test point agrees with the closed form to 1e-10 relative, within its own error estimate. */
    private static void assertOmega(DoubleUnaryOperator etaHat, DoubleUnaryOperator closedForm) {
        NumericPenalty penalty = NumericPenalty.of(etaHat);
        for (double w : WS) {
            Estimate omega = penalty.omega(w);
            double exact = closedForm.applyAsDouble(w);
            assertTrue(omega.converged(), "w = " + w + ": " + omega);
            assertEquals(exact, omega.value(), 1e-10 * Math.abs(exact), "Omega(" + w + ")");
            assertTrue(
                    Math.abs(omega.value() - exact) <= omega.error() + 4 * Math.ulp(exact),
                    "error estimate too small at w = " + w + ": " + omega + " vs " + exact);
            assertEquals(omega.value(), penalty.omega(-w).value(), "Omega is even");
        }
    }

    private static void assertDual(DoubleUnaryOperator etaHat, DoubleUnaryOperator closedForm, double... etas) {
        NumericPenalty penalty = NumericPenalty.of(etaHat);
        for (double eta : etas) {
            Estimate f = penalty.dual(eta);
            double exact = closedForm.applyAsDouble(eta);
            assertTrue(f.converged(), "eta = " + eta + ": " + f);
            assertEquals(exact, f.value(), 1e-9 * Math.max(1, Math.abs(exact)), "f(" + eta + ")");
        }
    }

    private static void assertSlope(DoubleUnaryOperator etaHat, double c) {
        BehaviourAtZero behaviour = NumericPenalty.of(etaHat).behaviourAtZero();
        FiniteSlope slope = assertInstanceOf(FiniteSlope.class, behaviour);
        assertEquals(c, slope.c(), 1e-12 * Math.max(1, c));
    }

    @Test
    void lasso() {
        assertOmega(t -> t, w -> w);
        assertDual(t -> t, eta -> eta, 0.01, 1, 7);
        assertSlope(t -> t, 1);
    }

    @Test
    void bridgeWithPHalf() {
        DoubleUnaryOperator etaHat = t -> Math.pow(t, 1.5);
        assertOmega(etaHat, w -> 2 * Math.sqrt(w));
        assertPrinted("2.828427", NumericPenalty.of(etaHat).omega(2), "Lp(0.5): Omega(2)");
        assertPrinted("2.828427", etaHat.applyAsDouble(2), "Lp(0.5): eta_hat(2)");
        assertDual(etaHat, eta -> 3 * Math.cbrt(eta), 0.1, 1, 8);
        InfiniteSlope slope =
                assertInstanceOf(InfiniteSlope.class, NumericPenalty.of(etaHat).behaviourAtZero());
        assertEquals(-0.5, slope.exponent(), 1e-9);
        assertEquals(
                Double.POSITIVE_INFINITY,
                NumericPenalty.of(etaHat).slopeAtZero().value());
    }

    @Test
    void logSumOracles() {
        double eps = 2;
        DoubleUnaryOperator etaHat = t -> t * (t + eps);
        assertOmega(etaHat, w -> Math.log1p(w / eps));
        NumericPenalty penalty = NumericPenalty.of(etaHat);
        assertPrinted("0.048790", penalty.omega(0.1), "log-sum Omega(0.1)");
        assertPrinted("0.405465", penalty.omega(1), "log-sum Omega(1)");
        assertPrinted("0.916291", penalty.omega(3), "log-sum Omega(3)");
        // §6.1 prints the code's dual, which belongs to Omega = ln(w + eps) (Omega(0) = ln eps): f shifts by 2 ln eps.
        String[] printed = {"1.410694", "1.591174", "2.388273"};
        double[] etas = {0.1, 1, 10};
        for (int i = 0; i < etas.length; i++) {
            Estimate f = penalty.dual(etas[i]);
            assertPrinted(printed[i], f.value() + 2 * Math.log(eps), "log-sum f(" + etas[i] + ") + 2 ln eps");
            assertTrue(f.converged(), f.toString());
        }
        assertDual(
                etaHat,
                eta -> {
                    double r = Math.sqrt(eps * eps + 4 * eta);
                    return 2 * Math.log((r + eps) / 2) - (r - eps) * (r - eps) / (4 * eta) - 2 * Math.log(eps);
                },
                0.001,
                0.1,
                1,
                10,
                1e4);
        assertSlope(etaHat, 1 / eps);
    }

    @Test
    void logSquaredSumOraclesWithoutTheReferenceSignBug() {
        // eta_hat = (w² + eps)/2, eps = 1: f(0.25) = 0, f(1) = 0.386294, f(3) = 1.916852 (theory §6.1; the reference
        // code's 2 log(2η) - eps/η - 2 gives -7.386294, -1.613706, 1.250186 instead).
        DoubleUnaryOperator etaHat = t -> (t * t + 1) / 2;
        NumericPenalty penalty = NumericPenalty.of(etaHat);
        assertOmega(etaHat, w -> Math.log1p(w * w));
        Estimate atQuarter = penalty.dual(0.25);
        assertTrue(atQuarter.converged(), atQuarter.toString());
        assertEquals(0, atQuarter.value(), 1e-20);
        assertPrinted("0.386294", penalty.dual(1), "log2sum f(1)");
        assertPrinted("1.916852", penalty.dual(3), "log2sum f(3)");
        assertDual(etaHat, eta -> eta < 0.5 ? 0 : 2 * Math.log(2 * eta) - 2 + 1 / eta, 0.1, 0.5, 0.7, 2, 50);
        FiniteSlope slope = assertInstanceOf(FiniteSlope.class, penalty.behaviourAtZero());
        assertEquals(0, slope.c(), 1e-100);
        assertEquals(1, slope.exponent(), 1e-9);
    }

    @Test
    void mcp() {
        double aLambda = 0.5 * Math.sqrt(2);
        DoubleUnaryOperator etaHat = t -> t < aLambda ? aLambda * t / (aLambda - t) : Double.POSITIVE_INFINITY;
        assertOmega(etaHat, w -> w < aLambda ? w - w * w / (2 * aLambda) : aLambda / 2);
        assertDual(etaHat, eta -> aLambda * eta / (eta + aLambda), 0.01, 0.3, 1, 20);
        assertSlope(etaHat, 1);
    }

    @Test
    void scad() {
        double a = 3.7;
        double lambda = 1;
        DoubleUnaryOperator etaHat = t ->
                t < lambda ? t : t <= a * lambda ? (a - 1) * lambda * t / (a * lambda - t) : Double.POSITIVE_INFINITY;
        assertOmega(
                etaHat,
                w -> w < lambda
                        ? w
                        : w <= a * lambda
                                ? (2 * a * lambda * w - w * w - lambda * lambda) / (2 * (a - 1) * lambda)
                                : (a + 1) * lambda / 2);
        assertDual(
                etaHat,
                eta -> eta <= lambda ? eta : lambda * ((a + 1) * eta - lambda) / ((a - 1) * lambda + eta),
                0.2,
                1,
                2.5,
                40);
        assertSlope(etaHat, 1);
    }

    @Test
    void standout() {
        // eta_hat = e^t (lambda = w2 = 1): Omega = 1 - (1 + w) e^{-w}; the maximiser of the dual is w = ln η.
        DoubleUnaryOperator etaHat = Math::exp;
        assertOmega(etaHat, NumericPenaltyTest::standoutOmega);
        assertDual(
                etaHat,
                eta -> eta <= 1 ? 0 : 2 * (1 - (1 + Math.log(eta)) / eta) - Math.log(eta) * Math.log(eta) / eta,
                0.5,
                1.5,
                4,
                100);
        FiniteSlope slope =
                assertInstanceOf(FiniteSlope.class, NumericPenalty.of(etaHat).behaviourAtZero());
        assertEquals(0, slope.c(), 1e-100);
    }

    /** 1 - (1 + w) e^{-w}, by its series Σ_{k≥2} (-1)^k (k-1) w^k / k! for small w (the closed form cancels). */
    private static double standoutOmega(double w) {
        if (w > 0.5) {
            return -Math.expm1(-w) - w * Math.exp(-w);
        }
        double sum = 0;
        double power = w;
        for (int k = 2; k < 30; k++) {
            power *= -w / k;
            sum -= (k - 1) * power;
        }
        return sum;
    }

    private static double asinh(double x) {
        return Math.log1p(x + x * x / (1 + Math.sqrt(1 + x * x)));
    }

    @Test
    void ardWithFixedC() {
        double c = 2.5;
        DoubleUnaryOperator etaHat = t -> (t * t + Math.sqrt(t * t * t * t + 4 * t * t / c)) / 2;
        // The log term ln((w + sqrt(w² + 4/c)) sqrt(c)/2) is asinh(w sqrt(c)/2), written without cancellation.
        // Likewise w sqrt(w² + 4/c) - w² = w (4/c) / (sqrt(w² + 4/c) + w).
        assertOmega(etaHat, w -> c / 4 * (w * (4 / c) / (Math.sqrt(w * w + 4 / c) + w)) + asinh(w * Math.sqrt(c) / 2));
        assertSlope(etaHat, Math.sqrt(c));
    }

    @Test
    void omegaIsTheEtaTrickMinimumOfItsDual() {
        // Theorem (a): Omega(w) = ½[w²/η̂ + f(η̂)] with f computed numerically from Omega.
        DoubleUnaryOperator etaHat = t -> t * (t + 0.3) * (1 + Math.tanh(t));
        NumericPenalty penalty = NumericPenalty.of(etaHat);
        for (double w : new double[] {0.05, 0.7, 4}) {
            double eta = etaHat.applyAsDouble(w);
            double viaDual = 0.5 * (w * w / eta + penalty.dual(eta).value());
            assertEquals(penalty.omega(w).value(), viaDual, 1e-9, "w = " + w);
        }
    }

    @Test
    void fastVanishingRulesAreDivergent() {
        for (DoubleUnaryOperator etaHat :
                new DoubleUnaryOperator[] {t -> Math.cosh(t) - 1, t -> t * t * t, t -> t * t, t -> t * t * (1 + t)}) {
            NumericPenalty penalty = NumericPenalty.of(etaHat);
            Divergent divergent = assertInstanceOf(Divergent.class, penalty.behaviourAtZero());
            assertTrue(divergent.exponent() <= -1 + 1e-3, divergent.toString());
            assertTrue(divergent.reason().contains("diverges"), divergent.reason());
            Estimate omega = penalty.omega(1);
            assertEquals(Outcome.DIVERGENT, omega.outcome());
            assertEquals(Outcome.DIVERGENT, penalty.dual(1).outcome());
            assertEquals(Outcome.DIVERGENT, penalty.slopeAtZero().outcome());
        }
    }

    @Test
    void boundedPenaltiesHaveAFiniteOmegaAtInfinity() {
        double aLambda = 0.5 * Math.sqrt(2);
        NumericPenalty mcp =
                NumericPenalty.of(t -> t < aLambda ? aLambda * t / (aLambda - t) : Double.POSITIVE_INFINITY);
        assertEquals(aLambda / 2, mcp.omega(Double.POSITIVE_INFINITY).value(), 1e-12);
        assertEquals(
                1, NumericPenalty.of(Math::exp).omega(Double.NEGATIVE_INFINITY).value(), 1e-12);
        Estimate logSum = NumericPenalty.of(t -> t * (t + 2)).omega(Double.POSITIVE_INFINITY);
        assertEquals(Outcome.DIVERGENT, logSum.outcome());
        assertTrue(logSum.message().contains("unbounded"), logSum.message());
    }

    @Test
    void ridgeHasAnUnboundedDualAboveItsConstant() {
        NumericPenalty ridge = NumericPenalty.of(t -> 2.0);
        assertEquals(0.25, ridge.omega(1).value(), 1e-14);
        assertEquals(0, ridge.dual(1.5).value(), 1e-20);
        assertEquals(Outcome.DIVERGENT, ridge.dual(3).outcome());
    }

    @Test
    void nonPositiveEtaHatIsReported() {
        NumericPenalty penalty = NumericPenalty.of(t -> t < 0.5 ? t : -1);
        Estimate omega = penalty.omega(1);
        assertEquals(Outcome.NON_FINITE, omega.outcome());
        assertTrue(omega.message().contains("must be positive"), omega.message());
        assertTrue(omega.message().contains("t/eta_hat(t) is NaN at t ="), omega.message());
    }

    @Test
    void rulesFromADualAgreeWithTheirPenalty() {
        // The log-sum dual defines the same rule: its η̂ integrated back gives ln(1 + w/2).
        double eps = 2;
        Dual logSum = Dual.closedForm(
                eta -> {
                    double r = Math.sqrt(eps * eps + 4 * eta);
                    return 2 * Math.log((r + eps) / 2) - (r - eps) * (r - eps) / (4 * eta) - 2 * Math.log(eps);
                },
                eta -> {
                    double w = (-eps + Math.sqrt(eps * eps + 4 * eta)) / 2;
                    return w * w / (eta * eta);
                });
        DualDefinedRule rule = new DualDefinedRule(logSum, Tolerance.DEFAULT);
        NumericPenalty penalty = NumericPenalty.of(rule.etaHatFunction());
        for (double w : new double[] {0.1, 1, 3}) {
            assertEquals(Math.log1p(w / eps), rule.omega(w).value(), 1e-11);
            assertEquals(Math.log1p(w / eps), penalty.omega(w).value(), 1e-10);
        }
    }
}

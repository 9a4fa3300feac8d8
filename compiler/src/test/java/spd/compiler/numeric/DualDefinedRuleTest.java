package spd.compiler.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Rules defined by a dual f through its derivative: η̂ from ŵ(η) = η sqrt(f'(η)), and both routes to Omega. */
class DualDefinedRuleTest {

    @Test
    void dualFromItsDerivativeMatchesTheClosedFormEvenWithASingularDerivative() {
        // Lp with p = 1/2: f = 3 η^(1/3), f' = η^(-2/3), singular (integrably) at 0.
        Dual fromDerivative = Dual.fromDerivative(eta -> Math.pow(eta, -2.0 / 3), Tolerance.DEFAULT);
        for (double eta : new double[] {1e-6, 0.3, 8, 1e5}) {
            Estimate f = fromDerivative.value(eta);
            assertTrue(f.converged(), f.toString());
            assertEquals(3 * Math.cbrt(eta), f.value(), 1e-11 * Math.cbrt(eta), "eta = " + eta);
        }
    }

    @Test
    void rulesFromTheDerivativeAloneGiveTheBridgePenalty() {
        DualDefinedRule rule = new DualDefinedRule(
                Dual.fromDerivative(eta -> Math.pow(eta, -2.0 / 3), Tolerance.DEFAULT), Tolerance.DEFAULT);
        for (double w : new double[] {0.01, 2, 50}) {
            assertEquals(Math.pow(w, 1.5), rule.etaHat(w).value(), 1e-11 * Math.pow(w, 1.5), "eta_hat = w^(3/2)");
            assertEquals(2 * Math.sqrt(w), rule.omega(w).value(), 1e-10 * Math.sqrt(w), "Omega = w^(1/2)/(1/2)");
        }
        assertEquals(2.828427, rule.omega(2).value(), 5e-7);
    }

    @Test
    void exactDualFromItsDerivativeEqualsTheDawsonIntegral() {
        Dual exact = VariationalDropout.exactDual(Tolerance.DEFAULT);
        Dual fromDerivative = Dual.fromDerivative(exact::derivative, Tolerance.DEFAULT);
        for (double eta : new double[] {0.01, 1, 100}) {
            assertEquals(
                    exact.value(eta).value(),
                    fromDerivative.value(eta).value(),
                    1e-11 * exact.value(eta).value());
        }
    }

    @Test
    void anUnreachableWeightIsReported() {
        // f = 2(1 - exp(-η)): ŵ(η) = η sqrt(2) exp(-η/2) is bounded (by 2 sqrt(2)/e ≈ 1.04), so w = 5 has no η̂.
        Dual bounded = Dual.closedForm(eta -> 2 * -Math.expm1(-eta), eta -> 2 * Math.exp(-eta));
        Estimate omega = new DualDefinedRule(bounded, Tolerance.DEFAULT).omega(5);
        assertEquals(Outcome.NO_SOLUTION, omega.outcome());
        assertTrue(omega.message().contains("never reaches 5"), omega.message());
    }

    @Test
    void aNonIntegrableDerivativeMakesTheDualDivergent() {
        Dual logarithmic = Dual.fromDerivative(eta -> 1 / eta, Tolerance.DEFAULT);
        assertEquals(Outcome.DIVERGENT, logarithmic.value(1).outcome());
    }

    @Test
    void omegaAtZeroAndSymmetry() {
        DualDefinedRule rule = VariationalDropout.exact(1, 1, Tolerance.DEFAULT).unitRule();
        assertEquals(0, rule.omega(0).value());
        assertEquals(0, rule.etaHat(0).value());
        assertEquals(rule.omega(0.7).value(), rule.omega(-0.7).value());
    }
}

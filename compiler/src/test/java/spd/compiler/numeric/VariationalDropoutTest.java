package spd.compiler.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static spd.compiler.numeric.Oracle.assertPrinted;

import org.junit.jupiter.api.Test;

/** Theory §6.2: variational dropout at lambda = s = 1 (eta = 1/alpha^VD), and the §3.2 scaling. */
class VariationalDropoutTest {

    private static final Tolerance TOLERANCE = Tolerance.DEFAULT;
    private static final VariationalDropout EXACT = VariationalDropout.exact(1, 1, TOLERANCE);
    private static final VariationalDropout APPROXIMATE = VariationalDropout.approximate(1, 1, TOLERANCE);
    private static final double[] ETAS = {0.01, 0.1, 1, 10, 100, 1000};
    private static final double EULER_GAMMA = 0.5772156649015329;

    @Test
    void exactDualMatchesTheTable() {
        String[] expected = {"0.0099834", "0.0983553", "0.8533712", "3.4482757", "5.8653778", "8.1771166"};
        for (int i = 0; i < ETAS.length; i++) {
            assertPrinted(expected[i], EXACT.dual(ETAS[i]), "exact f(" + ETAS[i] + ")");
        }
    }

    @Test
    void approximateDualMatchesTheTable() {
        String[] expected = {"0.0101577", "0.1016443", "0.8624779", "3.4469051", "5.8779118", "8.1799884"};
        for (int i = 0; i < ETAS.length; i++) {
            assertPrinted(expected[i], APPROXIMATE.dual(ETAS[i]), "approximate f(" + ETAS[i] + ")");
        }
    }

    @Test
    void exactDualEqualsTheDefiningIntegralOfItsDerivative() {
        Dual dual = VariationalDropout.exactDual(TOLERANCE);
        for (double eta : ETAS) {
            // f(η) = ∫_0^η D(sqrt(u/2))/sqrt(u/2) du, straight from the definition (no substitution).
            Integral direct = Quadrature.integrate(dual::derivative, 0, eta, TOLERANCE);
            assertEquals(direct.value(), dual.value(eta).value(), 1e-11 * direct.value(), "eta = " + eta);
        }
    }

    @Test
    void exactDualEqualsTheGaussianLogExpectation() {
        // f(η) = 2[E log|ξ + sqrt(η)| + (γ_E + ln 2)/2], ξ ~ N(0,1): an independent route to the same numbers. With
        // ξ = -m ± s the log singularity sits at s = 0.
        for (double eta : ETAS) {
            double m = Math.sqrt(eta);
            Integral expectation = Quadrature.integrateToInfinity(
                    s -> (gaussian(-m - s) + gaussian(-m + s)) * Math.log(s), 0, Tolerance.relative(1e-13));
            double viaExpectation = 2 * (expectation.value() + 0.5 * (EULER_GAMMA + Math.log(2)));
            assertEquals(viaExpectation, EXACT.dual(eta).value(), 1e-11 * Math.max(1, viaExpectation), "eta = " + eta);
        }
    }

    private static double gaussian(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    @Test
    void exactPenaltyTable() {
        double[] ws = {0.01, 0.1, 1, 5};
        String[] omega = {"0.009992", "0.099164", "0.913595", "2.722652"};
        String[] etaHat = {"0.010017", "0.101704", "1.213898", "23.8336"};
        String[] keep = {"0.009917", "0.092315", "0.548308", "0.959732"};
        String[] alpha = {"99.83", "9.832", "0.8238", "0.04196"};
        for (int i = 0; i < ws.length; i++) {
            double w = ws[i];
            assertPrinted(omega[i], EXACT.omega(w), "exact Omega(" + w + ")");
            assertPrinted(etaHat[i], EXACT.etaHat(w), "exact eta_hat(" + w + ")");
            assertPrinted(keep[i], EXACT.keepProbability(w), "keep probability at " + w);
            assertPrinted(alpha[i], EXACT.alphaVd(w), "alpha^VD at " + w);
        }
    }

    @Test
    void approximatePenaltyTable() {
        double[] ws = {0.01, 0.1, 1, 5};
        String[] omega = {"0.010078", "0.100822", "0.917398", "2.731280"};
        for (int i = 0; i < ws.length; i++) {
            assertPrinted(omega[i], APPROXIMATE.omega(ws[i]), "approximate Omega(" + ws[i] + ")");
        }
    }

    @Test
    void inverseMapMatchesTheTableAndRoundTrips() {
        double[] etas = {0.1, 1, 10};
        String[] ws = {"0.098353", "0.851339", "3.401545"};
        for (int i = 0; i < etas.length; i++) {
            double w = EXACT.wHat(etas[i]);
            assertPrinted(ws[i], w, "w_hat(" + etas[i] + ")");
            Estimate back = EXACT.etaHat(w);
            assertEquals(etas[i], back.value(), 1e-10 * etas[i], "eta_hat(w_hat(" + etas[i] + "))");
        }
    }

    @Test
    void vectorisedOmegaEqualsPointwiseOmega() {
        double[] ws = {5, 0.01, 1, -0.1, 0, 2.5, 1e-7, 300};
        Estimate[] batch = EXACT.omega(ws);
        for (int i = 0; i < ws.length; i++) {
            Estimate single = EXACT.omega(ws[i]);
            assertTrue(batch[i].converged(), batch[i].toString());
            assertEquals(single.value(), batch[i].value(), 1e-12 * Math.max(1e-300, single.value()), "w = " + ws[i]);
        }
    }

    @Test
    void bothRoutesToOmegaAgree() {
        // ½[w²/η̂ + f(η̂)] (the eta-trick minimum) against ∫_0^w t/η̂(t) dt (the envelope theorem).
        DualDefinedRule rule = EXACT.unitRule();
        for (double w : new double[] {0.01, 0.1, 1, 5}) {
            Estimate byMinimum = rule.omega(w);
            Estimate byIntegral = rule.omegaByIntegral(w);
            assertTrue(byIntegral.converged(), byIntegral.toString());
            assertEquals(byMinimum.value(), byIntegral.value(), 1e-10 * byMinimum.value(), "w = " + w);
            assertTrue(
                    Math.abs(byMinimum.value() - byIntegral.value()) <= byMinimum.error() + byIntegral.error() + 1e-15,
                    byMinimum + " vs " + byIntegral);
        }
    }

    @Test
    void asymptotes() {
        // Small w: Omega ≈ |w| (eta_hat ≈ |w|, slope c = 1).
        assertEquals(1, EXACT.omega(1e-8).value() / 1e-8, 1e-7);
        // The approximate KL approaches the slope 1 only like η^(k3 - 1) ≈ η^0.487: 1.2e-5 off at w = 1e-8.
        assertEquals(1, APPROXIMATE.omega(1e-8).value() / 1e-8, 2e-5);
        assertEquals(1, APPROXIMATE.omega(1e-12).value() / 1e-12, 2e-7);
        // Large w: f(η) = ln η + γ_E + ln 2 + O(1/η) gives Omega = ln w + (1 + γ_E + ln 2)/2 + O(1/w²).
        double w = 1e4;
        assertEquals(0.5 * (1 + EULER_GAMMA + Math.log(2)), EXACT.omega(w).value() - Math.log(w), 1e-7);
        assertEquals(w * w, EXACT.etaHat(w).value(), 1e-6 * w * w);
    }

    @Test
    void omegaIsTheMinimumOverEta() {
        // Independent of the stationarity route: minimise w²/η + f(η) over ln η directly.
        Dual dual = VariationalDropout.exactDual(TOLERANCE);
        for (double w : new double[] {0.01, 1, 5}) {
            Maximum max = Maximize.global(
                    u -> -(w * w / Math.exp(u) + dual.value(Math.exp(u)).value()),
                    -15,
                    15,
                    121,
                    Maximize.Scale.LINEAR,
                    TOLERANCE);
            assertEquals(-0.5 * max.value(), EXACT.omega(w).value(), 1e-12, "w = " + w);
        }
    }

    @Test
    void lambdaAndDataFactorScaling() {
        double lambda = 0.3;
        double s = 2.5;
        VariationalDropout scaled = VariationalDropout.exact(lambda, s, TOLERANCE);
        Dual unit = VariationalDropout.exactDual(TOLERANCE);
        for (double w : new double[] {0.004, 0.2, 3}) {
            // Omega(w) = ½ min_η [w²/η + f_1(sη/λ)], minimised directly.
            Maximum max = Maximize.global(
                    u -> -(w * w / Math.exp(u)
                            + unit.value(s * Math.exp(u) / lambda).value()),
                    -20,
                    20,
                    161,
                    Maximize.Scale.LINEAR,
                    TOLERANCE);
            assertEquals(-0.5 * max.value(), scaled.omega(w).value(), 1e-11, "w = " + w);
            assertEquals(
                    EXACT.omega(w * Math.sqrt(s / lambda)).value(),
                    scaled.omega(w).value(),
                    1e-14);
            double eta = scaled.etaHat(w).value();
            assertEquals(Math.exp(max.x()), eta, 1e-6 * eta, "eta_hat at w = " + w);
            assertEquals(w, scaled.wHat(eta), 1e-10 * w);
            assertEquals(lambda / (s * eta), scaled.alphaVd(w).value(), 1e-10 * lambda / (s * eta));
        }
    }

    @Test
    void etaHatIsIncreasing() {
        double previous = 0;
        for (double w = 1e-3; w < 100; w *= 1.7) {
            double eta = EXACT.etaHat(w).value();
            assertTrue(eta > previous, "eta_hat(" + w + ") = " + eta);
            previous = eta;
        }
    }

    @Test
    void badScalingParametersAreRejectedWithAMessage() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> VariationalDropout.exact(0, 1, TOLERANCE));
        assertTrue(e.getMessage().contains("lambda > 0"), e.getMessage());
    }
}

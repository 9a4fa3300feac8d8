package spd.compiler.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Theory §3 row 11 and §7.4: Louizos et al.'s hard-concrete gates, beta = 2/3, gamma = -0.1, zeta = 1.1. */
class HardConcreteTest {

    private static final HardConcrete GATES = HardConcrete.standard(1);
    private static final double[] LOG_AS = {-6, -2, 0, 1.5, 4, 9};

    @Test
    void momentsAgreeWithQuadratureOverTheUniformVariable() {
        // Integrate over u in (0, 1) directly, split at the clip breakpoints u0 and u1 located analytically.
        for (double logA : LOG_AS) {
            double u0 = sigmoid(HardConcrete.BETA * Math.log(-HardConcrete.GAMMA / HardConcrete.ZETA) - logA);
            double u1 =
                    sigmoid(HardConcrete.BETA * Math.log((1 - HardConcrete.GAMMA) / (HardConcrete.ZETA - 1)) - logA);
            double[] points = {0, u0, u1, 1};
            double mean = Quadrature.integratePiecewise(u -> GATES.gate(u, logA), points, Tolerance.DEFAULT)
                    .value();
            double second = Quadrature.integratePiecewise(u -> square(GATES.gate(u, logA)), points, Tolerance.DEFAULT)
                    .value();
            GateMoments moments = GATES.moments(logA);
            assertEquals(mean, moments.mean().value(), 1e-11 * mean, "E z at ln a = " + logA);
            assertEquals(second, moments.secondMoment().value(), 1e-11 * second, "E z² at ln a = " + logA);
            assertEquals(1 - u0, moments.nonZeroProbability(), 1e-14, "P(z != 0) at ln a = " + logA);
            double v = second / (mean * mean) - 1;
            assertEquals(v, moments.normalisedVariance().value(), 1e-9 * v, "V at ln a = " + logA);
        }
    }

    @Test
    void momentsAgreeWithASeededMonteCarloWithinFiveStandardErrors() {
        SplittableRandom random = new SplittableRandom(20_260_524L);
        int n = 1_000_000;
        for (double logA : new double[] {-2, 0, 1.5}) {
            double sum = 0;
            double sumSquares = 0;
            double sumFourth = 0;
            long nonZero = 0;
            for (int i = 0; i < n; i++) {
                double z = GATES.gate(random.nextDouble(Math.ulp(0.0), 1), logA);
                sum += z;
                sumSquares += z * z;
                sumFourth += z * z * z * z;
                nonZero += z != 0 ? 1 : 0;
            }
            double mean = sum / n;
            double second = sumSquares / n;
            double p = (double) nonZero / n;
            GateMoments moments = GATES.moments(logA);
            double meanError = Math.sqrt((second - mean * mean) / n);
            double secondError = Math.sqrt((sumFourth / n - second * second) / n);
            double pError = Math.sqrt(p * (1 - p) / n);
            assertEquals(moments.mean().value(), mean, 5 * meanError, "E z at ln a = " + logA);
            assertEquals(moments.secondMoment().value(), second, 5 * secondError, "E z² at ln a = " + logA);
            assertEquals(moments.nonZeroProbability(), p, 5 * pError, "P(z != 0) at ln a = " + logA);
        }
    }

    @Test
    void nonZeroProbabilityHasItsClosedForm() {
        for (double logA : LOG_AS) {
            assertEquals(sigmoid(logA + 1.59859), GATES.nonZeroProbability(logA), 2e-6, "ln a = " + logA);
        }
    }

    @Test
    void extremeGatesKeepTheirDigits() {
        // Almost always off: E z and P tiny, V huge; almost always on: V tiny, computed without cancellation.
        GateMoments off = GATES.moments(-40);
        assertTrue(off.mean().value() > 0 && off.mean().relativeError() < 1e-12, off.toString());
        double shift = -HardConcrete.BETA * Math.log(-HardConcrete.GAMMA / HardConcrete.ZETA);
        assertEquals(Math.exp(-40 + shift), off.nonZeroProbability(), 1e-14 * off.nonZeroProbability());
        GateMoments on = GATES.moments(40);
        double v = on.normalisedVariance().value();
        assertTrue(v > 0 && v < 1e-16 && on.normalisedVariance().relativeError() < 1e-10, on.toString());
    }

    @Test
    void normalisedVarianceDecreasesAndEtaFollowsTheConvention() {
        double previous = Double.POSITIVE_INFINITY;
        for (double logA = -30; logA <= 30; logA += 0.5) {
            double v = GATES.normalisedVariance(logA).value();
            assertTrue(v < previous, "V not decreasing at ln a = " + logA);
            previous = v;
        }
        HardConcrete lambdaTwo = new HardConcrete(2.0 / 3, -0.1, 1.1, 2, Tolerance.DEFAULT);
        // §1.3: eta = lambda/V (the reference code's 1/(lambda V) agrees only at lambda = 1).
        assertEquals(2 * GATES.eta(0.7).value(), lambdaTwo.eta(0.7).value(), 1e-12);
    }

    @Test
    void slopeAtZeroMatchesTheOracle() {
        double ratio = GATES.omega(0.01).value() / 0.01;
        assertEquals(1.47, ratio, 0.005, "Omega(0.01)/0.01 (theory: about 1.47)");
        Estimate c = GATES.slopeAtZero();
        assertTrue(c.converged(), c.toString());
        assertEquals(c.value(), GATES.omega(1e-7).value() / 1e-7, 1e-6, "Omega(w)/w tends to c");
        System.out.printf("hard concrete: Omega(0.01)/0.01 = %.6f, c = lim Omega(w)/w = %.12f%n", ratio, c.value());
    }

    @Test
    void omegaSaturatesAtOneHalf() {
        double previous = 0;
        for (double w = 0.01; w < 0.7; w += 0.01) {
            double omega = GATES.omega(w).value();
            assertTrue(omega >= previous && omega <= 0.5, "Omega(" + w + ") = " + omega);
            previous = omega;
        }
        for (double w : new double[] {0.7, 0.8, 1, 2, 5, 100}) {
            Estimate omega = GATES.omega(w);
            assertTrue(omega.converged(), omega.toString());
            assertEquals(0.5, omega.value(), 0, "Omega(" + w + ")");
            assertEquals(Double.POSITIVE_INFINITY, GATES.etaHat(w).value(), "eta_hat(" + w + ") = ∞ (gate always on)");
        }
    }

    @Test
    void saturationIsAJumpOfTheRuleAtAThreshold() {
        double threshold = saturationThreshold();
        // Below the threshold the rule is finite and Omega < ½; the optimal a jumps to ∞ there (first-order).
        double below = threshold - 1e-6;
        assertTrue(GATES.omega(below).value() < 0.5);
        double etaBelow = GATES.etaHat(below).value();
        assertTrue(etaBelow > 1 && etaBelow < 10, "eta_hat just below the threshold: " + etaBelow);
        assertEquals(Double.POSITIVE_INFINITY, GATES.etaHat(threshold + 1e-6).value());
        // Omega itself is continuous there.
        assertEquals(0.5, GATES.omega(below).value(), 1e-6);
        // The large-a expansion d(a) = (w² C - K)/a + O(1/a²) (C = lim aV, K = lim a P(z = 0) = exp(-1.59860)) gives
        // a lower bound: saturation cannot happen before w = sqrt(K/C).
        double c = Math.exp(30) * GATES.normalisedVariance(30).value();
        double k = Math.exp(HardConcrete.BETA * Math.log(-HardConcrete.GAMMA / HardConcrete.ZETA));
        assertTrue(threshold > Math.sqrt(k / c), threshold + " vs " + Math.sqrt(k / c));
        System.out.printf(
                "hard concrete: Omega = 1/2 from w* = %.6f (eta_hat jumps from %.4f to ∞); " + "sqrt(K/C) = %.6f%n",
                threshold, etaBelow, Math.sqrt(k / c));
    }

    /** The smallest w with Omega(w) = ½, by bisection. */
    private static double saturationThreshold() {
        double low = 0.3;
        double high = 0.7;
        while (high - low > 1e-8) {
            double middle = 0.5 * (low + high);
            if (GATES.omega(middle).value() < 0.5) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return 0.5 * (low + high);
    }

    @Test
    void omegaIsTheInfimumOverAFineGrid() {
        for (double w : new double[] {0.003, 0.2, 0.45, 0.53}) {
            double best = 1;
            for (double logA = -30; logA <= 30; logA += 0.01) {
                best = Math.min(best, w * w * GATES.normalisedVariance(logA).value() + GATES.nonZeroProbability(logA));
            }
            double omega = GATES.omega(w).value();
            // No grid point beats the refined minimum, and the grid (step 0.01) comes within 1e-4 of it.
            assertTrue(omega <= 0.5 * best + 1e-15, "w = " + w);
            assertEquals(0.5 * best, omega, 1e-4 * omega, "w = " + w);
        }
    }

    @Test
    void dualRoundTripsAndTheEtaTrickHolds() {
        for (double logA : new double[] {-3, 0, 2}) {
            double eta = GATES.eta(logA).value();
            assertEquals(GATES.nonZeroProbability(logA), GATES.dual(eta).value(), 1e-10, "f(eta(a)) = P(a)");
        }
        for (double w : new double[] {0.05, 0.3}) {
            double etaHat = GATES.etaHat(w).value();
            double viaDual = 0.5 * (w * w / etaHat + GATES.dual(etaHat).value());
            assertEquals(GATES.omega(w).value(), viaDual, 1e-10, "Omega = ½[w²/eta_hat + f(eta_hat)] at " + w);
        }
    }

    @Test
    void envelopeIntegralOfTheRuleGivesTheSamePenalty() {
        // Omega(w) = ∫_0^w t/eta_hat(t) dt, through the saturation (where eta_hat jumps to ∞).
        // eta_hat is known to about 1e-8 relative (the minimiser's location), so the quadrature asks for 1e-7.
        NumericPenalty viaRule = NumericPenalty.of(t -> GATES.etaHat(t).value(), new Tolerance(1e-20, 1e-7, 50_000));
        for (double w : new double[] {0.1, 0.8}) {
            Estimate integral = viaRule.omega(w);
            assertTrue(integral.converged(), integral.toString());
            assertEquals(GATES.omega(w).value(), integral.value(), 1e-7, "w = " + w);
        }
        assertEquals(GATES.slopeAtZero().value(), viaRule.slopeAtZero().value(), 1e-9);
    }

    @Test
    void lambdaScalesTheWeight() {
        double lambda = 3;
        HardConcrete scaled = new HardConcrete(2.0 / 3, -0.1, 1.1, lambda, Tolerance.DEFAULT);
        for (double w : new double[] {0.01, 0.5, 1.2}) {
            assertEquals(
                    GATES.omega(w / Math.sqrt(lambda)).value(), scaled.omega(w).value(), 1e-12, "w = " + w);
        }
    }

    @Test
    void badParametersAreRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new HardConcrete(2.0 / 3, 0.1, 1.1, 1, Tolerance.DEFAULT));
        assertTrue(e.getMessage().contains("gamma < 0"), e.getMessage());
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double square(double x) {
        return x * x;
    }
}

package spd.compiler.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Dawson's function against independent high-precision values, its definition and its differential equation. */
class DawsonTest {

    private static final double RELATIVE = 1e-14;

    private static void assertRelative(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, relative * Math.abs(expected), what);
    }

    @Test
    void matchesTheHighPrecisionSeriesOnAFineGrid() {
        double worst = 0;
        for (double x = 0.001; x <= 12; x += 0.0173) {
            double reference = DawsonReference.value(x);
            double error = Math.abs(Dawson.value(x) / reference - 1);
            worst = Math.max(worst, error);
            assertTrue(error <= RELATIVE, "x = " + x + ": relative error " + error);
        }
        System.out.printf("Dawson: worst relative error on (0, 12] = %.2e%n", worst);
    }

    @Test
    void matchesAroundTheRegionBoundaries() {
        for (double boundary : new double[] {0.5, 50}) {
            for (int ulps = -3; ulps <= 3; ulps++) {
                double x = boundary + ulps * Math.ulp(boundary);
                assertRelative(DawsonReference.value(x), Dawson.value(x), RELATIVE, "x = " + x);
            }
        }
    }

    @Test
    void matchesTheAsymptoticSeriesForLargeArguments() {
        for (double x : new double[] {12.5, 20, 30.3, 49.9, 50.1, 77, 1e3, 1e6, 1e100, 1e300}) {
            assertRelative(DawsonReference.value(x), Dawson.value(x), RELATIVE, "x = " + x);
        }
    }

    @Test
    void tinyArgumentsAndSymmetry() {
        assertEquals(0, Dawson.value(0));
        assertEquals(1e-300, Dawson.value(1e-300));
        assertEquals(1, Dawson.overX(0));
        assertEquals(Double.MIN_VALUE, Dawson.value(Double.MIN_VALUE));
        for (double x : new double[] {1e-8, 0.3, 0.9, 2.5, 7, 60}) {
            assertEquals(-Dawson.value(x), Dawson.value(-x));
            assertEquals(Dawson.overX(x), Dawson.overX(-x));
            assertRelative(Dawson.value(x) / x, Dawson.overX(x), 1e-15, "D(x)/x at " + x);
        }
        assertTrue(Double.isNaN(Dawson.value(Double.NaN)));
        assertEquals(0, Dawson.value(Double.POSITIVE_INFINITY));
    }

    @Test
    void agreesWithTheQuadratureOfItsDefinition() {
        for (double x : new double[] {0.2, 0.7, 1.3, 2.9, 4.5, 6}) {
            // exp(t² - x²) = exp((t - x)(t + x)): an integrand of size at most 1, smooth.
            Integral integral =
                    Quadrature.integrateSmooth(t -> Math.exp((t - x) * (t + x)), 0, x, Tolerance.relative(1e-14));
            assertRelative(integral.value(), Dawson.value(x), 1e-13, "x = " + x);
        }
    }

    @Test
    void knownValues() {
        // Maximum of D at x = 0.92413887300459176701..., D = 0.54104422463518169492... (Abramowitz & Stegun 7.1.17).
        assertRelative(0.5410442246351817, Dawson.value(0.9241388730045918), 1e-15, "maximum");
        // D'(x) = 1 - 2x D(x) vanishes there.
        double x = 0.9241388730045918;
        assertEquals(0, 1 - 2 * x * Dawson.value(x), 1e-15);
        assertRelative(0.5380795069127684, Dawson.value(1), 1e-15, "D(1)");
    }

    @Test
    void satisfiesItsDifferentialEquation() {
        // D' = 1 - 2xD, checked by a central difference of step 1e-5 (error about 1e-11).
        for (double x : new double[] {0.1, 0.49, 0.51, 1, 3, 10, 49.99}) {
            double h = 1e-5;
            double derivative = (Dawson.value(x + h) - Dawson.value(x - h)) / (2 * h);
            assertEquals(1 - 2 * x * Dawson.value(x), derivative, 1e-9, "x = " + x);
        }
    }
}

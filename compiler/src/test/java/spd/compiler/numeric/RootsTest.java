package spd.compiler.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Brent root finding on brackets and on (0, ∞) by log-scale bracket expansion. */
class RootsTest {

    @Test
    void brentFindsASimpleRootToTolerance() {
        Root root = Roots.brent(x -> x * x - 2, 0, 2, Tolerance.relative(1e-14));
        assertTrue(root.converged(), root.toString());
        assertEquals(Math.sqrt(2), root.x(), 3e-14);
        assertTrue(root.lower() <= Math.sqrt(2) && Math.sqrt(2) <= root.upper() + 1e-16, root.toString());
        assertTrue(root.evaluations() < 15, root.toString());
    }

    @Test
    void brentBracketAlwaysContainsTheRoot() {
        Root root = Roots.brent(x -> Math.cos(x) - x, 0, 1, Tolerance.relative(1e-10));
        double dottie = 0.7390851332151607;
        assertTrue(root.lower() <= dottie && dottie <= root.upper(), root.toString());
        assertTrue(root.error() <= 1e-10, root.toString());
    }

    @Test
    void brentSurvivesAFlatAndSteepFunction() {
        // A function with a huge flat part: interpolation fails, bisection must take over.
        Root root = Roots.brent(x -> x < 0.7 ? -1e-300 : Math.expm1(50 * (x - 0.7)), 0, 1, Tolerance.relative(1e-13));
        assertTrue(root.converged(), root.toString());
        assertEquals(0.7, root.x(), 1e-12);
        assertTrue(root.evaluations() < 80, root.toString());
    }

    @Test
    void anExactZeroHasAnEmptyBracket() {
        // Brent's secant step lands exactly on the root of a linear function.
        Root root = Roots.brent(x -> x - 0.25, 0, 2, Tolerance.relative(1e-12));
        assertEquals(0.25, root.x());
        assertEquals(0, root.error());
    }

    @Test
    void noSignChangeIsReported() {
        Root root = Roots.brent(x -> x * x + 1, -1, 1, Tolerance.DEFAULT);
        assertEquals(Outcome.NO_SOLUTION, root.outcome());
        assertTrue(root.message().contains("same sign"), root.message());
    }

    @Test
    void nonFiniteValuesAreReported() {
        Root root = Roots.brent(x -> x > 0.3 ? Double.NaN : x - 1, 0, 1, Tolerance.DEFAULT);
        assertEquals(Outcome.NON_FINITE, root.outcome());
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-250, 1e-40, 3e-7, 0.5, 1, 42, 1e9, 1e200})
    void positiveAxisSearchFindsRootsAcrossDecades(double target) {
        // A monotone function of ln x, found from a guess of 1.
        Root root = Roots.onPositiveAxis(x -> Math.log(x) - Math.log(target), 1, Tolerance.relative(1e-13));
        assertTrue(root.converged(), root.toString());
        assertEquals(target, root.x(), 2e-13 * target);
        assertTrue(root.evaluations() < 40, root.toString());
    }

    @Test
    void positiveAxisSearchOnANonLogFunction() {
        // w_hat(eta) = eta·sqrt(eta) = 5 has the root 5^(2/3).
        Root root = Roots.onPositiveAxis(eta -> eta * Math.sqrt(eta) - 5, 1e-3, 10, Tolerance.relative(1e-13));
        assertEquals(Math.pow(5, 2.0 / 3), root.x(), 1e-12);
    }

    @Test
    void warmStartNeedsFewEvaluations() {
        Root cold = Roots.onPositiveAxis(x -> x * (x + 2) - 3, 1e-6, 2, Tolerance.relative(1e-12));
        Root warm = Roots.onPositiveAxis(x -> x * (x + 2) - 3, 0.99, 1.05, Tolerance.relative(1e-12));
        assertEquals(1, cold.x(), 1e-12);
        assertEquals(1, warm.x(), 1e-12);
        assertTrue(warm.evaluations() < cold.evaluations(), warm + " vs " + cold);
    }

    @Test
    void positiveAxisSearchReportsAMissingRoot() {
        Root root = Roots.onPositiveAxis(x -> 1 + x, 1, Tolerance.DEFAULT);
        assertEquals(Outcome.NO_SOLUTION, root.outcome());
        assertTrue(root.message().contains("no sign change"), root.message());
    }
}

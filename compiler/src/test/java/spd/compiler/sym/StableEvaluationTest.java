package spd.compiler.sym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import spd.compiler.testing.Expressions;

/**
 * Numeric evaluation that keeps its digits: stable forms where normal forms cancel, a wide exponent range where they
 * overflow, the rule as written where even that fails, and removable singularities by their limit.
 */
class StableEvaluationTest {
    private static final Assumptions POSITIVE =
            Assumptions.of(Map.of("t", Interval.POSITIVE, "a", Interval.point(2), "eps", Interval.point(2)));

    private static double at(String expr, double t) {
        return Compiled.function(Expressions.parse(expr), "t", Map.of("a", 2.0, "eps", 2.0))
                .applyAsDouble(t);
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance * Math.abs(expected), what);
    }

    @Test
    void differencesThatCancelNearZeroKeepTheirDigits() {
        // Each right-hand value is the series to the precision shown; the plain double forms lose most of their digits.
        assertRelative(1e-12 - 5e-25, at("log(1 + t)", 1e-12), 1e-15, "log(1 + t)");
        assertRelative(1e-10 + 5e-21, at("exp(t) - 1", 1e-10), 1e-15, "exp(t) - 1");
        assertRelative(5e-17, at("cosh(t) - 1", 1e-8), 1e-12, "cosh(t) - 1");
        assertRelative(5e-17, at("1 - cos(t)", 1e-8), 1e-12, "1 - cos(t)");
        assertRelative(3.8421483271206475e-20, at("1 - erf(t)", 6.5), 1e-9, "1 - erf(t) at 6.5 (erfc)");
        // sqrt(eps^2 + 4t) - eps = 4t/(sqrt(eps^2 + 4t) + eps): the logsum dual's w_hat
        assertRelative(1e-12 - 1e-24, at("sqrt(eps^2 + 4*t) - eps", 1e-12), 1e-12, "sqrt difference");
        assertRelative(5e-17, at("log(cosh(t))", 1e-8), 1e-12, "log(cosh(t))");
        // log((t + eps)/eps) = log1p(t/eps)
        assertRelative(5e-13, at("log((t + eps)/eps)", 1e-12), 1e-12, "log of a ratio near 1");
    }

    @Test
    void stableFormsAreIdentities() {
        Random random = new Random(14);
        List<String> expressions = List.of(
                "log(1 + t)",
                "exp(t) - 1",
                "3*exp(2*t) - 3 + t",
                "cosh(t) - 1",
                "1 - cos(t)",
                "2 - 2*erf(t)",
                "sqrt(eps^2 + 4*t) - eps",
                "log(cosh(t))",
                "log((t + eps)/eps)",
                "a*sqrt(t^2 + 4/a) - a*t");
        for (String text : expressions) {
            Expr e = Expressions.parse(text);
            Expr stable = StableForm.of(e, POSITIVE);
            assertTrue(!stable.equals(e), "no stable rewrite fired on " + text);
            for (int k = 0; k < 40; k++) {
                // where the plain forms are still accurate to 1e-11, so that they can serve as the reference
                double t = 0.05 + 2 * random.nextDouble();
                Map<String, Double> point = Map.of("t", t, "a", 2.0, "eps", 2.0);
                assertRelative(e.evaluate(point), stable.evaluate(point), 1e-11, text + " at t = " + t);
            }
        }
    }

    @Test
    void ratiosOfOverflowingExponentialsAreComputedInAWideRange() {
        assertEquals(1, at("exp(t)/(exp(t) + 1)", 800), 1e-15);
        assertRelative(900 * Math.exp(100), at("t*exp(-t)/exp(-t - 100)", 900), 1e-12, "underflow over underflow");
        // tanh's normal form (exp(2t) - 1)/(exp(2t) + 1) overflows at t = 400; the value is 1.
        Expr tanh = Simplifier.normalize(Expressions.parse("tanh(t)"), POSITIVE);
        assertEquals(1, Compiled.function(tanh, "t", Map.of()).applyAsDouble(400), 1e-15);
        // A true overflow stays infinite: exp(exp(t)) at t = 10 is far beyond the double range.
        assertEquals(Double.POSITIVE_INFINITY, at("exp(exp(t))", 10), 0);
        // The plain compiled form gives NaN there; this is what the robust one repairs.
        assertTrue(Double.isNaN(Compiled.plain(Expressions.parse("exp(t)/(exp(t) + 1)"), "t", Map.of())
                .applyAsDouble(800)));
    }

    @Test
    void theRuleAsWrittenAnswersWhereTheNormalFormCannot() {
        // exp(2 (t + 2)^(3/2)) is beyond even the wide range at t = 5.6e11; tanh of it is 1, so sinh(1/2) is the value.
        Expr written = Expressions.parse("sinh(tanh((t + a)^(3/2))/2)");
        Expr normal = Simplifier.normalize(written, POSITIVE);
        DoubleUnaryOperator f = Compiled.function(List.of(normal, written), "t", Map.of("a", 2.0));
        assertRelative(Math.sinh(0.5), f.applyAsDouble(5.6e11), 1e-15, "value");
        // Where the two forms disagree (the normal form cancels), interval arithmetic picks the sharper one.
        Expr cosh = Expressions.parse("cosh(t) - 1 + t");
        DoubleUnaryOperator both =
                Compiled.function(List.of(Simplifier.normalize(cosh, POSITIVE), cosh), "t", Map.of());
        assertRelative(1e-10 + 5e-21, both.applyAsDouble(1e-10), 1e-14, "cosh(t) - 1 + t at 1e-10");
    }

    @Test
    void aRemovableSingularityTakesItsLimit() {
        // (1 - sqrt(t))/(1 - t) = 1/(1 + sqrt(t)) is 0/0 at t = 1.
        assertRelative(0.5, at("(1 - sqrt(t))/(1 - t)", 1), 1e-6, "limit at t = 1");
    }
}

package spd.compiler.sym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import spd.compiler.numeric.Deadline;
import spd.compiler.testing.Expressions;

/**
 * The algebra finishes: gcds keep their coefficients small (primitive remainder sequences), and every symbolic
 * operation gives up soundly when its time budget runs out.
 */
class BoundedAlgebraTest {

    private static Poly randomPolynomial(Random random, int degree) {
        Poly p = Poly.zero(1);
        for (int k = 0; k <= degree; k++) {
            Poly term = Poly.variable(1, 0).pow(k).scale(Rational.of(random.nextInt(199) - 99));
            p = p.add(term);
        }
        return p.add(Poly.variable(1, 0).pow(degree + 1));
    }

    @Test
    void gcdOfDegreeFortyPolynomialsKeepsItsCoefficientsSmall() {
        // A naive pseudo-remainder sequence doubles the coefficients' length at every step: 30 steps of it do not
        // finish
        // (ARD with c = 2 hung spd derive this way). Removing each remainder's content keeps them at the size of the
        // data.
        Random random = new Random(14);
        Poly g = randomPolynomial(random, 9);
        Poly a = randomPolynomial(random, 30).multiply(g);
        Poly b = randomPolynomial(random, 28).multiply(g);
        Poly gcd = Deadline.within(Duration.ofSeconds(5), "gcd of degree-40 polynomials", () -> Poly.gcd(a, b));
        // Random integer polynomials are coprime except for the planted factor (checked: both cofactors are exact).
        assertEquals(g.monic(), gcd);
        assertTrue(a.divideExact(gcd) != null && b.divideExact(gcd) != null);
    }

    @Test
    void zeroBudgetLeavesExpressionsAsTheyAreAndRecordsIt() {
        Expr t = Expr.symbol("t");
        Expr e = Expr.div(Expr.sub(Expr.pow(t, Expr.TWO), Expr.ONE), Expr.sub(t, Expr.ONE));
        Effort.Result<Expr> result = Effort.run(Duration.ZERO, () -> Cancel.deep(e));
        assertEquals(e, result.value());
        assertEquals(1, result.abandoned().size(), result.abandoned().toString());
        assertTrue(
                result.abandoned().get(0).startsWith("cancellation of (t^2 - 1)/(t - 1)"),
                result.abandoned().get(0));
        // With time, the same cancellation succeeds and records nothing.
        Effort.Result<Expr> withTime = Effort.run(Duration.ofSeconds(10), () -> Cancel.deep(e));
        assertEquals(Expr.add(t, Expr.ONE), withTime.value());
        assertTrue(withTime.abandoned().isEmpty());
    }

    @Test
    void abandonedIntegrationAndInversionFindNothing() {
        Assumptions positive = Assumptions.of(Map.of("t", Interval.POSITIVE));
        Expr t = Expr.symbol("t");
        Effort.Result<Boolean> found = Effort.run(
                Duration.ZERO,
                () -> Integrator.antiderivative(Expr.div(Expr.ONE, Expr.add(t, Expr.ONE)), "t", positive)
                                .isPresent()
                        || Solver.invert(Expr.mul(t, Expr.add(t, Expr.ONE)), "t", "y", positive)
                                .isPresent());
        assertEquals(false, found.value());
    }

    @Test
    void simplificationOutOfTimeReturnsAnEqualExpression() {
        // The ARD rule's derivative in normal form takes seconds of multivariate gcds (kernels c, sqrt(c), t and
        // sqrt(4 + c t^2)); with 30 ms the simplifier stops where it got, and that form is still the same function.
        Assumptions a = Assumptions.of(Map.of("c", Interval.point(2))).with("t", Interval.POSITIVE);
        Expr omega = Expressions.parse("c/4*(t*sqrt(t^2 + 4/c) - t^2) + log((t + sqrt(t^2 + 4/c))*sqrt(c)/2)");
        Expr eta = Expr.div(Expr.symbol("t"), omega.derivative("t"));
        Expr derivative = eta.derivative("t");
        Effort.Result<Expr> result = Effort.run(Duration.ofMillis(30), () -> Simplifier.normalize(derivative, a));
        for (double x : new double[] {0.1, 0.7, 2.5}) {
            Map<String, Double> at = Map.of("c", 2.0, "t", x);
            double expected = derivative.evaluate(at);
            assertEquals(expected, result.value().evaluate(at), 1e-9 * Math.abs(expected), "at t = " + x);
        }
        assertTrue(result.abandoned().size() <= 1, result.abandoned().toString());
    }
}

package spd.compiler.sym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static spd.compiler.sym.Expr.add;
import static spd.compiler.sym.Expr.div;
import static spd.compiler.sym.Expr.mul;
import static spd.compiler.sym.Expr.number;
import static spd.compiler.sym.Expr.pow;
import static spd.compiler.sym.Expr.sub;
import static spd.compiler.sym.Expr.symbol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import spd.compiler.numeric.Quadrature;

class IntegratorTest {
    private final Expr t = symbol("t");
    private final Expr eps = symbol("eps");
    private final Expr a = symbol("a");
    private final Expr lambda = symbol("lambda");
    private final Map<String, Double> constants =
            Map.of("eps", 2.0, "a", 3.7, "lambda", 0.5, "c", 1.3, "p", 0.5, "k", 0.7);

    private Assumptions assumptions() {
        Map<String, Interval> ranges = new HashMap<>();
        constants.forEach((name, v) -> ranges.put(name, Interval.point(v)));
        ranges.put("t", Interval.POSITIVE);
        return Assumptions.of(ranges);
    }

    private Integrator.Antiderivative integrate(Expr f) {
        Optional<Integrator.Antiderivative> result = Integrator.antiderivative(f, "t", assumptions());
        assertTrue(result.isPresent(), "no antiderivative for " + f.toText());
        return result.get();
    }

    /** F(w) - F(0+) against quadrature of f on [0, w]. */
    private void assertDefiniteIntegralMatchesQuadrature(Expr f, Expr antiderivative) {
        Map<String, Double> values = new HashMap<>(constants);
        values.put("t", 1e-300);
        double f0 = antiderivative.evaluate(values);
        for (double w : new double[] {0.1, 0.9, 3.0}) {
            values.put("t", w);
            double closed = antiderivative.evaluate(values) - f0;
            double numeric = Quadrature.integrate(
                            s -> {
                                Map<String, Double> v = new HashMap<>(constants);
                                v.put("t", s);
                                return f.evaluate(v);
                            },
                            0,
                            w)
                    .value();
            assertEquals(numeric, closed, 1e-10 * Math.max(1, Math.abs(numeric)), f.toText() + " on [0, " + w + "]");
        }
    }

    @Test
    void logSumIntegrandGivesALogarithm() {
        Expr f = div(t, mul(t, add(t, eps)));
        Integrator.Antiderivative r = integrate(f);
        assertEquals(Expr.log(add(t, eps)), r.value());
        assertTrue(r.rules().contains("log-rule"), r.rules().toString());
        assertDefiniteIntegralMatchesQuadrature(f, r.value());
    }

    @Test
    void cauchyIntegrand() {
        Expr f = div(mul(number(2), t), add(pow(t, number(2)), eps));
        Integrator.Antiderivative r = integrate(f);
        assertEquals(Expr.log(add(pow(t, number(2)), eps)), r.value());
        assertDefiniteIntegralMatchesQuadrature(f, r.value());
    }

    @Test
    void mcpIntegrandIsAPolynomial() {
        Expr al = mul(a, lambda);
        Expr f = div(t, div(mul(al, t), sub(al, t)));
        Integrator.Antiderivative r = integrate(f);
        assertEquals("t - t^2/(2*a*lambda)", r.value().toText());
        assertDefiniteIntegralMatchesQuadrature(f, r.value());
    }

    @Test
    void arctanAndRepeatedFactors() {
        Expr f1 = div(Expr.ONE, add(pow(t, number(2)), eps));
        assertDefiniteIntegralMatchesQuadrature(f1, integrate(f1).value());
        Expr f2 = div(pow(t, number(3)), mul(pow(add(t, Expr.ONE), number(2)), add(t, eps)));
        assertDefiniteIntegralMatchesQuadrature(f2, integrate(f2).value());
        Expr f3 = div(Expr.ONE, sub(pow(add(t, eps), number(2)), symbol("k")));
        assertDefiniteIntegralMatchesQuadrature(f3, integrate(f3).value());
    }

    @Test
    void bridgePower() {
        Expr p = symbol("p");
        Expr f = div(t, pow(t, sub(number(2), p)));
        Integrator.Antiderivative r = integrate(f);
        assertEquals(div(pow(t, p), p), r.value());
        assertDefiniteIntegralMatchesQuadrature(f, r.value());
    }

    @Test
    void standoutExponential() {
        Expr w2 = symbol("c");
        Expr f = div(t, mul(div(lambda, pow(w2, number(2))), Expr.exp(t)));
        Integrator.Antiderivative r = integrate(f);
        assertTrue(r.rules().contains("exp-times-polynomial"), r.rules().toString());
        assertDefiniteIntegralMatchesQuadrature(f, r.value());
    }

    @Test
    void ardSquareRoot() {
        Expr c = symbol("c");
        Expr eta = div(
                add(pow(t, number(2)), Expr.sqrt(add(pow(t, number(4)), div(mul(number(4), pow(t, number(2))), c)))),
                number(2));
        Expr f = div(t, eta);
        Integrator.Antiderivative r = integrate(f);
        assertTrue(r.rules().contains("sqrt-quadratic"), r.rules().toString());
        assertDefiniteIntegralMatchesQuadrature(f, r.value());
    }

    @Test
    void noClosedFormGivesEmpty() {
        // t/(exp(t) - 1) has no elementary antiderivative.
        Expr f = div(t, sub(Expr.exp(t), Expr.ONE));
        assertTrue(Integrator.antiderivative(f, "t", assumptions()).isEmpty());
    }
}

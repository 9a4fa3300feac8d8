package spd.compiler.sym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import spd.compiler.testing.Expressions;

/** Leading terms, inversion, derivatives and the LaTeX printer. */
class AnalysisTest {
    private static final Map<String, Double> C = Map.of("eps", 2.0, "a", 3.0, "lambda", 0.5);

    private static Asymptotics.Leading leading(String e, Asymptotics.Point point) {
        return assertInstanceOf(Asymptotics.Leading.class, Asymptotics.leading(Expressions.parse(e), "t", point, C));
    }

    @Test
    void leadingTerms() {
        Asymptotics.Leading atZero = leading("1/(t + eps)", Asymptotics.Point.ZERO_PLUS);
        assertEquals(Expressions.parse("1/eps"), atZero.coefficient());
        Asymptotics.Leading atInfinity = leading("1/(t + eps)", Asymptotics.Point.INFINITY);
        assertEquals(-1, atInfinity.power().evaluate(C), 0);
        Asymptotics.Leading log = leading("log(1 + t/eps)", Asymptotics.Point.INFINITY);
        assertEquals(1, log.logPower());
        Asymptotics.Leading small = leading("log(1 + t/eps)", Asymptotics.Point.ZERO_PLUS);
        assertEquals(1, small.power().evaluate(C), 0);
        Asymptotics.Leading exponential = leading("t*exp(-t)/lambda", Asymptotics.Point.INFINITY);
        assertEquals(-1, exponential.rate().evaluate(C), 0);
        assertInstanceOf(
                Asymptotics.Unknown.class,
                Asymptotics.leading(Expressions.parse("exp(t) - 1 - t"), "t", Asymptotics.Point.ZERO_PLUS, C));
        assertInstanceOf(
                Asymptotics.Zero.class,
                Asymptotics.leading(Expressions.parse("t/inf"), "t", Asymptotics.Point.ZERO_PLUS, C));
    }

    @Test
    void inversesChooseTheBranchThatChecks() {
        Assumptions a = Assumptions.of(Map.of("t", Interval.POSITIVE, "eps", Interval.point(2)));
        Optional<Expr> logSum = Solver.invert(Expressions.parse("t*(t + eps)"), "t", "eta", a);
        assertEquals(Expressions.parse("(sqrt(eps^2 + 4*eta) - eps)/2"), logSum.orElseThrow());
        Optional<Expr> exponential = Solver.invert(Expressions.parse("eps*exp(t)"), "t", "eta", a);
        assertEquals(Expressions.parse("log(eta/eps)"), exponential.orElseThrow());
        assertTrue(Solver.invert(
                        Expressions.parse("t + sin_like*0 + exp(t)*t"),
                        "t",
                        "eta",
                        a.with("sin_like", Interval.point(1)))
                .isEmpty());
    }

    @Test
    void derivativeOfAbsoluteValueIsASubgradient() {
        Expr d = Expressions.parse("log(1 + |w|/eps)").derivative("w");
        assertEquals(0, d.evaluate(Map.of("w", 0.0, "eps", 2.0)), 0);
        assertEquals(1 / 3.0, d.evaluate(Map.of("w", 1.0, "eps", 2.0)), 1e-15);
        assertEquals(-1 / 3.0, d.evaluate(Map.of("w", -1.0, "eps", 2.0)), 1e-15);
    }

    @Test
    void latex() {
        assertEquals(
                "\\log\\left(1 + \\frac{\\left|w\\right|}{\\varepsilon}\\right)",
                LatexPrinter.print(Expressions.parse("log(1 + |w|/eps)")));
        assertEquals(
                "\\frac{a\\,\\lambda\\,\\left|w\\right|}{a\\,\\lambda - \\left|w\\right|}",
                LatexPrinter.print(Expressions.parse("a*lambda*|w|/(a*lambda - |w|)")));
        assertEquals("w_{2}^{2}", LatexPrinter.print(Expressions.parse("w2^2")));
        assertEquals("\\mathrm{scad}_{\\lambda}", LatexPrinter.symbol("scad_lambda"));
        assertEquals("k_{\\mathrm{max}}", LatexPrinter.symbol("k_max"));
        assertEquals("\\sqrt{w^{2} + \\frac{4}{c}}", LatexPrinter.print(Expressions.parse("sqrt(w^2 + 4/c)")));
        assertEquals("e^{-\\left|w\\right|}", LatexPrinter.print(Expressions.parse("exp(-|w|)")));
    }
}

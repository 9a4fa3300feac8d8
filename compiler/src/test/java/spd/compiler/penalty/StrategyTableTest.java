package spd.compiler.penalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import spd.compiler.sym.Expr;
import spd.compiler.testing.Expressions;

/** Every row of theory.md section 3 that has a per-weight penalty: the rule, derived, against the table's formulas. */
class StrategyTableTest {
    private static final double[] WS = {0.01, 0.1, 0.5, 1, 2, 3, 5};

    /** Omega, and eta_hat where given, against the theory's formulas at several w (relative 1e-9). */
    private static void assertPenalty(Derivation d, DoubleUnaryOperator omega, DoubleUnaryOperator eta) {
        for (double w : WS) {
            assertEquals(
                    omega.applyAsDouble(w),
                    d.functions().omega(w).value(),
                    1e-9 * Math.max(1e-3, omega.applyAsDouble(w)),
                    "Omega(" + w + ")");
            if (eta != null) {
                double expected = eta.applyAsDouble(w);
                assertEquals(
                        expected,
                        d.functions().etaHat(w),
                        Double.isInfinite(expected) ? 0 : 1e-9 * expected,
                        "eta_hat(" + w + ")");
                assertEquals(
                        d.functions().omega(w).value(), d.functions().omega(-w).value(), 0, "Omega is even");
            }
        }
    }

    private static boolean holds(Derivation d, String property) {
        return d.property(property)
                .orElseThrow(() -> new AssertionError("no property " + property))
                .holds();
    }

    @Test
    void row1FixedDropoutIsRidge() {
        Derivation d = Inputs.keep(Rule.MaskKind.BERNOULLI, "0.5", null, "lambda", "1");
        assertEquals("w^2/(2*lambda)", Inputs.omegaText(d));
        // total penalty lambda*Omega = (1/2) s (1 - alpha)/alpha w^2 = w^2/2 at alpha = 1/2, s = 1 (theory 6.1 item 9)
        assertPenalty(d, w -> w * w / 2, w -> 1);
        assertEquals("ridge", d.classical().get(0).family());
        assertTrue(d.classical().get(0).exact());
        assertTrue(d.property("convexity").orElseThrow().holds());
    }

    @Test
    void row2Lasso() {
        Derivation d = Inputs.eta("|w|", "lambda", "1");
        assertEquals("|w|", Inputs.omegaText(d));
        assertPenalty(d, w -> w, w -> w);
        assertEquals(Expressions.parse("eta"), ((Dual.ClosedForm) d.dual()).f());
        assertEquals(1, d.functions().keep(1) * 2, 1e-15, "keep = |w|/(|w| + lambda)");
    }

    @Test
    void row3Bridge() {
        Derivation d = Inputs.eta("|w|^(2 - p)", "p", "0.5", "lambda", "1");
        assertEquals("|w|^p/p", Inputs.omegaText(d));
        assertPenalty(d, w -> Math.pow(w, 0.5) / 0.5, w -> Math.pow(w, 1.5));
        // theory 6.1: p = 0.5, w = 2 gives Omega = 2.828427 = eta_hat
        assertEquals(2.828427, d.functions().omega(2).value(), 5e-7);
        assertEquals(2.828427, d.functions().etaHat(2), 5e-7);
        // f = ((2 - p)/p) eta^(p/(2 - p)) = 3 eta^(1/3)
        for (double eta : new double[] {0.1, 1, 10}) {
            assertEquals(3 * Math.cbrt(eta), d.functions().dual(eta).value(), 1e-12 * eta);
        }
        assertEquals(
                "slope at 0: c = inf", d.property("slope-at-zero").orElseThrow().statement());
    }

    @Test
    void row4LogSum() {
        Derivation d = Inputs.eta("|w|*(|w| + eps)", "eps", "2", "lambda", "1e-3");
        assertEquals("log(1 + |w|/eps)", Inputs.omegaText(d));
        assertPenalty(d, w -> Math.log1p(w / 2), w -> w * (w + 2));
        assertTrue(d.steps().stream().anyMatch(s -> s.rule().contains("log-rule")));
        assertEquals("log-sum", d.classical().get(0).family());
        assertEquals(2, d.classical().get(0).parameters().get("eps"), 1e-6);
    }

    @Test
    void row5LogQuadraticWithTheCorrectDual() {
        Derivation d = Inputs.eta("(w^2 + eps)/2", "eps", "1", "lambda", "1");
        assertEquals("log(1 + w^2/eps)", Inputs.omegaText(d));
        assertPenalty(d, w -> Math.log1p(w * w), w -> (w * w + 1) / 2);
        // theory 6.1 item 4 (eps = 1): f(0.25) = 0, f(1) = 0.386294, f(3) = 1.916852 -- not the code's sign bug
        assertEquals(0, d.functions().dual(0.25).value(), 0);
        assertEquals(0.386294, d.functions().dual(1).value(), 5e-7);
        assertEquals(1.916852, d.functions().dual(3).value(), 5e-7);
        assertFalse(holds(d, "sparsity"), "locally quadratic at 0");
    }

    @Test
    void row6Scad() {
        String eta =
                "piecewise { |w| if |w| < lambda, (a - 1)*lambda*|w|/(a*lambda - |w|) if |w| <= a*lambda, inf otherwise }";
        Derivation d = Inputs.eta(eta, "a", "3.7", "lambda", "0.8");
        assertInstanceOf(Penalty.ClosedForm.class, d.penalty());
        double a = 3.7;
        double l = 0.8;
        assertPenalty(
                d,
                w -> w < l ? w : w <= a * l ? (2 * a * l * w - w * w - l * l) / (2 * (a - 1) * l) : (a + 1) * l / 2,
                w -> w < l ? w : w <= a * l ? (a - 1) * l * w / (a * l - w) : Double.POSITIVE_INFINITY);
        // f = eta for eta <= lambda; lambda((a+1)eta - lambda)/((a-1)lambda + eta) otherwise
        for (double e : new double[] {0.3, 0.8, 2, 50}) {
            double expected = e <= l ? e : l * ((a + 1) * e - l) / ((a - 1) * l + e);
            assertEquals(expected, d.functions().dual(e).value(), 1e-12);
        }
        assertEquals("SCAD", d.classical().get(0).family());
        assertTrue(holds(d, "monotone"));
        assertEquals(
                Property.Method.INTERVAL, d.property("monotone").orElseThrow().method());
    }

    @Test
    void row7Mcp() {
        Derivation d = Inputs.eta(
                "piecewise { a*lambda*|w|/(a*lambda - |w|) if |w| < a*lambda, inf otherwise }",
                "a",
                "0.5",
                "lambda",
                "1.4142135623730951");
        double al = 0.5 * 1.4142135623730951;
        assertPenalty(
                d,
                w -> w <= al ? w - w * w / (2 * al) : al / 2,
                w -> w < al ? al * w / (al - w) : Double.POSITIVE_INFINITY);
        for (double e : new double[] {0.1, 1, 10}) {
            assertEquals(al * e / (e + al), d.functions().dual(e).value(), 1e-12);
        }
        assertEquals("bounded", d.property("growth").orElseThrow().statement().split(":")[0]);
    }

    @Test
    void row8StandoutFromItsKeepProbability() {
        // keep = sigmoid(|w|) with data factor s = w2^2, i.e. eta_hat = (lambda/w2^2) e^|w| (theory 3 row 8)
        Derivation d = Inputs.keep(Rule.MaskKind.BERNOULLI, "sigmoid(|w|)", null, "lambda", "1");
        assertEquals(Expressions.parse("lambda*exp(|w|)"), d.etaHat().orElseThrow());
        assertPenalty(d, w -> 1 - (1 + w) * Math.exp(-w), w -> Math.exp(w));
        assertFalse(holds(d, "sparsity"), "eta_hat(0) > 0: ridge-like at 0");
        assertTrue(d.property("growth").orElseThrow().statement().startsWith("bounded"));
    }

    @Test
    void row8StandoutWithOutgoingWeight() {
        Derivation d = Inputs.eta("lambda/w2^2*exp(|w|)", "lambda", "0.7", "w2", "1.5");
        assertPenalty(d, w -> (2.25 / 0.7) * (1 - (1 + w) * Math.exp(-w)), w -> 0.7 / 2.25 * Math.exp(w));
    }

    @Test
    void row12ArdWithFixedC() {
        Derivation d = Inputs.eta("(w^2 + sqrt(w^4 + 4*w^2/c))/2", "c", "1.3", "lambda", "1");
        assertInstanceOf(Penalty.ClosedForm.class, d.penalty());
        double c = 1.3;
        assertPenalty(
                d,
                w -> (c / 4) * (w * Math.sqrt(w * w + 4 / c) - w * w)
                        + Math.log((w + Math.sqrt(w * w + 4 / c)) * Math.sqrt(c) / 2),
                null);
        assertEquals(Math.sqrt(c), d.functions().omega(1e-9).value() / 1e-9, 1e-6, "slope sqrt(c) at 0 (theory 2.3)");
    }

    @Test
    void row13MagnitudePruningIsNotSeparable() {
        Derivation d = PenaltyDeriver.derive(Inputs.of("gmp", new Rule.MagnitudePruning(Expressions.parse("0.95"))));
        assertInstanceOf(Penalty.NotSeparable.class, d.penalty());
        assertInstanceOf(Dual.Unavailable.class, d.dual());
    }

    @Test
    void rows14To16AdaptiveProxTikhonovAndDropoutShareTheLogSumPenalty() {
        String eta = "|w|*(|w| + 2)";
        Derivation prox = Inputs.keep(Rule.MaskKind.PROX, "eta/(eta + lr*lambda)", eta, "lambda", "1e-3", "lr", "1e-4");
        Derivation tikhonov = Inputs.keep(Rule.MaskKind.TIKHONOV, "eta/(eta + lambda)", eta, "lambda", "1e-3");
        Derivation dropout = Inputs.keep(Rule.MaskKind.BERNOULLI, "eta/(eta + lambda)", eta, "lambda", "1e-3");
        for (Derivation d : List.of(prox, tikhonov, dropout)) {
            assertEquals("log(1 + |w|/2)", Inputs.omegaText(d));
        }
        // AdaProx's keep uses the step: eta/(eta + lr*lambda)
        assertEquals(3 / (3 + 1e-7), prox.functions().keep(1), 1e-15);
        assertEquals(3 / (3 + 1e-3), dropout.functions().keep(1), 1e-15);
    }

    @Test
    void row17GaussianMaskWithVarianceLambdaOverEta() {
        Derivation d = PenaltyDeriver.derive(Inputs.of(
                "gauss",
                new Rule.VarianceRule(
                        Expressions.parse("lambda/eta"), Optional.of(Expressions.parse("|w|*(|w| + eps)"))),
                "lambda",
                "0.01",
                "eps",
                "2"));
        assertEquals("log(1 + |w|/eps)", Inputs.omegaText(d));
    }

    @Test
    void row18EtaTrickWithTheLogSumDual() {
        // f = 2 log((r + eps)/2) - (r - eps)^2/(4 eta), r = sqrt(eps^2 + 4 eta): its penalty is log(w + eps) - log(eps)
        String r = "sqrt(eps^2 + 4*eta)";
        String f = "2*log((" + r + " + eps)/2) - (" + r + " - eps)^2/(4*eta)";
        Derivation d = Inputs.dual(f, false, "eps", "2", "lambda", "1");
        for (double w : new double[] {0.1, 1, 3}) {
            assertEquals(Math.log1p(w / 2), d.functions().omega(w).value(), 1e-8, "Omega(" + w + ")");
        }
    }

    @Test
    void dualDefinedByItsDerivative() {
        // f'(eta) = 1 is the lasso: w_hat = eta, eta_hat = |w|
        Derivation d = Inputs.dual("1", true, "lambda", "1");
        assertEquals(Expr.abs(Expr.symbol("w")), d.etaHat().orElseThrow());
        assertEquals("|w|", Inputs.omegaText(d));
    }
}

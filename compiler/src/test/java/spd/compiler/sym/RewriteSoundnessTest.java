package spd.compiler.sym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import spd.compiler.testing.Expressions;

/**
 * Every rewrite rule, applied to expressions it fires on, must give the same value at random points of the symbols'
 * ranges. A rule without examples fails the suite, so that no rule goes unchecked.
 */
class RewriteSoundnessTest {
    /** Symbols range over (0.05, 3); t and x are also tried negative where the rule does not assume a sign. */
    private static final Assumptions POSITIVE = Assumptions.of(Map.of(
            "t",
            new Interval(0.05, 3),
            "x",
            new Interval(0.05, 3),
            "eps",
            new Interval(0.05, 3),
            "c",
            new Interval(0.05, 3),
            "a",
            new Interval(0.05, 3)));

    private static final Map<String, List<String>> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put(
                "lift-pieces",
                List.of(
                        "t/piecewise { t if t < 1, t*(t + 1) otherwise }",
                        "log(1 + piecewise { t if t < a, inf otherwise })"));
        EXAMPLES.put("zero-power", List.of("0^a + t", "t*0^(c + 1)"));
        EXAMPLES.put("negated-sum", List.of("exp(-t)*(-1 - t)/a", "a*(1 - t - c - x)"));
        EXAMPLES.put("abs-known-sign", List.of("|t| + |-t - 1|", "|t - 4|*|x + c|"));
        EXAMPLES.put("sign-known", List.of("sign(t)*t", "sign(-1 - t)"));
        EXAMPLES.put(
                "decided-pieces",
                List.of(
                        "piecewise { 1 if t < 0, t if t < 10, 2 otherwise }",
                        "piecewise { t if t < a, 3 if t >= 0, 4 otherwise }"));
        EXAMPLES.put("min-max-decided", List.of("min(t, t + 1)", "max(t^2 + 1, t - 5)"));
        EXAMPLES.put("min-max-as-pieces", List.of("max(t, 1)", "t*min(t^2, 1/4)", "max(2*t, t + 1) - t"));
        EXAMPLES.put("sigmoid-as-exp", List.of("sigmoid(t)", "sigmoid(-t*a)/(1 - sigmoid(x))"));
        EXAMPLES.put("tanh-as-exp", List.of("tanh(t)", "tanh(t - c)*a"));
        EXAMPLES.put("hyperbolic-as-exp", List.of("cosh(t) - 1", "sinh(t*a)/t"));
        EXAMPLES.put("softplus-as-log", List.of("softplus(t)", "softplus(-t*c)"));
        EXAMPLES.put("root-of-product", List.of("(a*(t + c))^(1/2)", "(a*x*(t + 1))^(3/2)"));
        EXAMPLES.put("exp-of-log", List.of("exp(2*log(t) + x)", "exp(x - log(a))"));
        EXAMPLES.put(
                "cancel",
                List.of(
                        "(1 - t/(t + a))/(t/(t + a))",
                        "(t^2 - a^2)/(t + a)",
                        "t/(t^2 + eps*t)",
                        "(exp(t) - 1)^2/(exp(2*t) - 1)"));
        EXAMPLES.put("rationalize", List.of("2/(t + sqrt(t^2 + 4/c))", "1/(a - sqrt(t + a^2 + 1))"));
        EXAMPLES.put("denest", List.of("sqrt(2*t + a^2 - a*sqrt(4*t + a^2))", "a*sqrt(c + 2*t + 2*sqrt(t*c + t^2))"));
        EXAMPLES.put("infinite-product", List.of("a*inf", "(t + 1)*inf"));
        EXAMPLES.put("log-combine", List.of("log(t + eps) - log(eps)", "2*log(t) - log(t + 1) + log(a)"));
        EXAMPLES.put("split-fraction", List.of("(t + eps)/eps", "(t^2 - 2*a*t)/(a*c)"));
    }

    @Test
    void everyRuleHasExamples() {
        Set<String> missing = new TreeSet<>();
        for (Rewrite rule : Rewrites.ALL) {
            if (!EXAMPLES.containsKey(rule.name())) {
                missing.add(rule.name());
            }
        }
        assertTrue(missing.isEmpty(), "rules without numeric checks: " + missing);
    }

    @Test
    void everyRuleFiresOnItsExamplesAndPreservesValues() {
        Random random = new Random(20211207);
        for (Rewrite rule : Rewrites.ALL) {
            for (String text : EXAMPLES.get(rule.name())) {
                Expr before = Expressions.parse(text);
                Expr after =
                        Simplifier.simplify(before, POSITIVE, List.of(rule)).expr();
                assertFalse(after.equals(before), rule.name() + " does not fire on " + text);
                for (int k = 0; k < 50; k++) {
                    Map<String, Double> point = new HashMap<>();
                    for (String s : before.freeSymbols()) {
                        Interval range = POSITIVE.rangeOf(s);
                        point.put(s, range.lo() + random.nextDouble() * (range.hi() - range.lo()));
                    }
                    double expected = before.evaluate(point);
                    double actual = after.evaluate(point);
                    if (Double.isInfinite(expected)) {
                        assertEquals(expected, actual, rule.name() + " on " + text + " at " + point);
                    } else {
                        assertEquals(
                                expected,
                                actual,
                                1e-11 * Math.max(1, Math.abs(expected)),
                                rule.name() + " on " + text + " -> " + after.toText() + " at " + point);
                    }
                }
            }
        }
    }

    @Test
    void canonicalConstructorsPreserveValues() {
        // The simplifying constructors are rewrites too: rebuild random expressions and compare with a naive
        // evaluation.
        Random random = new Random(7);
        String[] texts = {
            "(x + 1)*(x + 1) - x*x",
            "2*(x - 1) + (1 - x)*2",
            "|x|*|x| - x^2 + exp(x)*exp(-x)",
            "(x^2)^(1/2) - |x|",
            "(x*t)^3/(t^2*x) - x^2*t",
            "8^(2/3) + 2^(3/2)*2^(1/2)",
            "exp(log(t))*t^(-1)"
        };
        double[] expected = {2 * 1, 0, 1, 0, 0, 8, 1};
        for (int i = 0; i < texts.length; i++) {
            Expr e = Expressions.parse(texts[i]);
            for (int k = 0; k < 20; k++) {
                double x = (random.nextDouble() - 0.5) * 6;
                double t = 0.1 + random.nextDouble() * 3;
                double value = e.evaluate(Map.of("x", x, "t", t));
                if (i == 0) {
                    assertEquals(2 * x + 1, value, 1e-12, texts[i]);
                } else {
                    assertEquals(expected[i], value, 1e-12, texts[i]);
                }
            }
        }
    }
}

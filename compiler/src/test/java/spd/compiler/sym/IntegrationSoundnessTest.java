package spd.compiler.sym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import spd.compiler.numeric.Quadrature;
import spd.compiler.testing.Expressions;

/**
 * Every integration rule, at random: integrands of each family with random constants, their antiderivatives compared
 * with quadrature on random intervals (independently of the integrator's own derivative check).
 */
class IntegrationSoundnessTest {
    private static final List<String> FAMILIES = List.of(
            "(a*t + b)/(t^2 + c*t + d)",
            "1/((t + a)*(t + b)^2)",
            "t^3/(t + a) + b",
            "(t^2 + a)/(t^2 + b*t + c + 4)",
            "t^(a - 1)*b",
            "(a + t)*exp(-b*t)",
            "t^2*exp(a*t)",
            "sqrt(t^2*a + b)",
            "t/sqrt(a*t^2 + b*t + c)",
            "b/(t + sqrt(t^2 + a))",
            "t*(t^2 + a)^(-3/2)",
            "2*t/(t^2 + a)",
            "a*t^2 - b*t + c",
            "a + b");
    private static final Set<String> RULES = Set.of(
            "polynomial",
            "partial-fractions",
            "log-rule",
            "power-rule",
            "arctan-rule",
            "log-ratio-rule",
            "exp-rule",
            "exp-times-polynomial",
            "sqrt-quadratic",
            "substitution",
            "linearity",
            "constant",
            "polynomial-division");

    @Test
    void antiderivativesAgreeWithQuadratureAtRandomConstants() {
        Random random = new Random(2106);
        Set<String> used = new TreeSet<>();
        int integrated = 0;
        for (String family : FAMILIES) {
            for (int trial = 0; trial < 6; trial++) {
                Map<String, Double> constants = new HashMap<>();
                Map<String, Interval> ranges = new HashMap<>();
                for (String c : List.of("a", "b", "c", "d")) {
                    double v = Math.round((0.2 + 2.8 * random.nextDouble()) * 1000) / 1000.0;
                    constants.put(c, v);
                    ranges.put(c, Interval.point(v));
                }
                ranges.put("t", Interval.POSITIVE);
                Expr f = Expressions.parse(family);
                var result = Integrator.antiderivative(f, "t", Assumptions.of(ranges));
                if (result.isEmpty()) {
                    continue;
                }
                integrated++;
                used.addAll(result.get().rules());
                Expr antiderivative = result.get().value();
                for (int k = 0; k < 3; k++) {
                    double lo = 0.05 + 2 * random.nextDouble();
                    double hi = lo + 0.1 + 3 * random.nextDouble();
                    Map<String, Double> at = new HashMap<>(constants);
                    at.put("t", hi);
                    double upper = antiderivative.evaluate(at);
                    at.put("t", lo);
                    double closed = upper - antiderivative.evaluate(at);
                    double numeric = Quadrature.integrate(
                                    t -> {
                                        Map<String, Double> v = new HashMap<>(constants);
                                        v.put("t", t);
                                        return f.evaluate(v);
                                    },
                                    lo,
                                    hi)
                            .value();
                    assertEquals(
                            numeric,
                            closed,
                            1e-9 * Math.max(1, Math.abs(numeric)),
                            family + " with " + constants + " on [" + lo + ", " + hi + "]: " + antiderivative.toText());
                }
            }
        }
        assertTrue(integrated >= FAMILIES.size() * 5, "integrated only " + integrated);
        Set<String> unused = new TreeSet<>(RULES);
        unused.removeAll(used);
        assertTrue(unused.isEmpty(), "rules never exercised: " + unused + " (used " + used + ")");
    }
}

package spd.compiler.check;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import spd.compiler.ast.Expr;
import spd.compiler.ast.FunctionDef;
import spd.compiler.ast.LetDecl;
import spd.compiler.lang.Lowering;
import spd.compiler.sym.Assumptions;
import spd.compiler.sym.Interval;
import spd.compiler.sym.IntervalEvaluation;

/**
 * What the checker can tell about the values a rule takes over all weights. Interval analysis of the symbolic engine
 * proves a range ({@code |w| * (|w| + eps)} is never negative); when it cannot, a sample of weights from 0 to 1e6 in
 * both signs looks for one where the rule leaves the range: that weight is a witness the user can check by hand
 * ({@code eta(-1) = -1}). What neither decides is left to the derivation, which reports it.
 */
final class ValueRanges {
    /** The magnitudes tried, plain ones first so that a witness reads easily: eta(1) = -1 rather than at 1e-6. */
    private static final double[] MAGNITUDES = {1, 0, 0.5, 2, 0.1, 10, 0.01, 100, 1e-3, 1e4, 1e-6, 1e6};
    /** Rounding slack for ranges such as keep in [0, 1]. */
    private static final double TOLERANCE = 1e-12;

    private ValueRanges() {}

    /** A weight where a rule leaves its range, and the value it takes there. */
    record Witness(double w, double value) {}

    /**
     * A weight at which {@code e} (in the symbol {@code w}) is below {@code lo}, above {@code hi} or not a number
     * (except at w = 0, where a removable singularity such as |w|/|w| evaluates to NaN), unless interval analysis
     * proves it never is. Empty when it stays inside at every weight tried.
     */
    static Optional<Witness> outside(spd.compiler.sym.Expr e, Map<String, Double> constants, double lo, double hi) {
        Map<String, Interval> ranges = new LinkedHashMap<>();
        constants.forEach((name, value) -> ranges.put(name, Interval.point(value)));
        ranges.put("w", Interval.ALL);
        try {
            Interval proven = IntervalEvaluation.enclose(e, Assumptions.of(ranges));
            if (proven.lo() >= lo && proven.hi() <= hi) {
                return Optional.empty();
            }
        } catch (RuntimeException ignored) {
            // No enclosure: the samples decide.
        }
        Map<String, Double> values = new HashMap<>(constants);
        for (double magnitude : MAGNITUDES) {
            for (double w : magnitude == 0 ? new double[] {0} : new double[] {magnitude, -magnitude}) {
                values.put("w", w);
                double value;
                try {
                    value = e.evaluate(values);
                } catch (RuntimeException notEvaluable) {
                    return Optional.empty();
                }
                if ((Double.isNaN(value) && w != 0) || value < lo - TOLERANCE || value > hi + TOLERANCE) {
                    return Optional.of(new Witness(w, value));
                }
            }
        }
        return Optional.empty();
    }

    /** A function's body in terms of {@code w}, with the constants of its scope still symbols. */
    static Optional<spd.compiler.sym.Expr> lower(FunctionDef function) {
        return lower(function.body(), Map.of(function.param().name(), spd.compiler.sym.Expr.symbol("w")));
    }

    /**
     * A named rule's eta(w) with the arguments of a use in place of its parameters (and its own constants in terms of
     * them); empty when the rule has no eta or something does not lower.
     */
    static Optional<spd.compiler.sym.Expr> ruleEta(RuleCallChecker.RuleUse use) {
        Optional<FunctionDef> eta = spd.compiler.lang.RuleTable.function(use.rule(), "eta");
        if (eta.isEmpty()) {
            return Optional.empty();
        }
        Map<String, spd.compiler.sym.Expr> bindings = new HashMap<>();
        for (Map.Entry<String, Expr> argument : use.arguments().entrySet()) {
            Optional<spd.compiler.sym.Expr> value = lower(argument.getValue(), Map.of());
            if (value.isEmpty()) {
                return Optional.empty();
            }
            bindings.put(argument.getKey(), value.get());
        }
        for (LetDecl let : use.rule().lets()) {
            Optional<spd.compiler.sym.Expr> value = lower(let.value(), bindings);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            bindings.put(let.name().name(), value.get());
        }
        bindings.put(eta.get().param().name(), spd.compiler.sym.Expr.symbol("w"));
        return lower(eta.get().body(), bindings);
    }

    static Optional<spd.compiler.sym.Expr> lower(Expr expr, Map<String, spd.compiler.sym.Expr> bindings) {
        try {
            return Optional.of(new Lowering(bindings).apply(expr));
        } catch (RuntimeException e) {
            // Exact arithmetic that fails (a division by zero inside) is reported by the constant checks.
            return Optional.empty();
        }
    }

    /** A number as messages show it. */
    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "NaN" : v > 0 ? "inf" : "-inf";
        }
        String shortest = new java.math.BigDecimal(Double.toString(v))
                .stripTrailingZeros()
                .toString();
        return shortest.replace("E+", "e").replace("E", "e");
    }
}

package spd.compiler.sym;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * min(x, y) and max(x, y) of one variable v as pieces, when x - y changes sign once on v's range, at a root r the
 * solver finds exactly: min(x, y) = piecewise { x if v < r, y otherwise } where x is the smaller below r. The
 * integrator then cuts the integrand at r (a rule written with max gets the closed form of the same rule written
 * with pieces).
 */
final class MinMaxPieces {
    private static final String ROOT = "min_max_root#";

    private MinMaxPieces() {}

    static Optional<Expr> split(Call c, Assumptions assumptions) {
        Expr first = c.args().get(0);
        Expr second = c.args().get(1);
        Expr difference = Expr.sub(first, second);
        Optional<String> variable = onlyVariable(difference, assumptions);
        if (variable.isEmpty()) {
            return Optional.empty();
        }
        String v = variable.get();
        Interval range = assumptions.rangeOf(v);
        Optional<Expr> root = crossing(first, second, v, assumptions);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        double r = root.get().evaluate(assumptions.pointValues());
        double below = signAt(difference, v, between(range.lo(), r), assumptions);
        double above =
                signAt(difference, v, Double.isInfinite(range.hi()) ? 2 * r + 1 : (r + range.hi()) / 2, assumptions);
        if (!(below * above < 0)) {
            return Optional.empty();
        }
        boolean firstSmallerBelow = below < 0;
        boolean firstBelow = (c.function() == Builtin.MIN) == firstSmallerBelow;
        Expr belowValue = firstBelow ? first : second;
        Expr aboveValue = firstBelow ? second : first;
        return Optional.of(Expr.piecewise(
                List.of(new Piece(new Condition(new Sym(v), Relation.LT, root.get()), belowValue)), aboveValue));
    }

    /**
     * Where x = y inside v's range, from inverting x - y or, when neither is negative and the difference is not
     * monotone (t^2 - t), the ratio x/y - 1 (t - 1): a constant expression.
     */
    private static Optional<Expr> crossing(Expr x, Expr y, String v, Assumptions assumptions) {
        List<Expr> candidates = new java.util.ArrayList<>(List.of(Expr.sub(x, y)));
        // Nonnegative (t^2 on t > 0 encloses to [0, inf)): the signs found below and above the root are checked anyway.
        if (IntervalEvaluation.enclose(x, assumptions).isNonnegative()
                && IntervalEvaluation.enclose(y, assumptions).isNonnegative()) {
            candidates.add(Expr.sub(Expr.div(x, y), Expr.ONE));
        }
        Interval range = assumptions.rangeOf(v);
        for (Expr candidate : candidates) {
            try {
                Optional<Expr> inverse = Solver.invert(candidate, v, ROOT, assumptions);
                if (inverse.isEmpty()) {
                    continue;
                }
                Expr root = Simplifier.normalize(inverse.get().substitute(Map.of(ROOT, Expr.ZERO)), assumptions);
                double r = root.evaluate(assumptions.pointValues());
                if (r > range.lo() && r < range.hi() && !root.dependsOn(v)) {
                    return Optional.of(root);
                }
            } catch (ArithmeticException | IllegalArgumentException undefined) {
                // no root at 0 of this form: try the next
            }
        }
        return Optional.empty();
    }

    /** A point strictly between lo (which may be 0 or -inf) and r > lo. */
    private static double between(double lo, double r) {
        return Double.isInfinite(lo) ? r - Math.max(1, Math.abs(r)) : lo + (r - lo) / 2;
    }

    private static double signAt(Expr e, String v, double value, Assumptions assumptions) {
        Map<String, Double> point = new HashMap<>(assumptions.pointValues());
        point.put(v, value);
        try {
            return Math.signum(e.evaluate(point));
        } catch (ArithmeticException | IllegalArgumentException undefined) {
            return 0;
        }
    }

    /** The one symbol of e whose range is not a point (the others are constants), if there is exactly one. */
    private static Optional<String> onlyVariable(Expr e, Assumptions assumptions) {
        Set<String> symbols = e.freeSymbols();
        List<String> variables = symbols.stream()
                .filter(s -> {
                    Interval range = assumptions.rangeOf(s);
                    return range == null || range.lo() != range.hi();
                })
                .toList();
        return variables.size() == 1 ? Optional.of(variables.get(0)) : Optional.empty();
    }
}

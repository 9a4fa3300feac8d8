package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import spd.compiler.sym.Condition;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Interval;
import spd.compiler.sym.Piece;
import spd.compiler.sym.Piecewise;
import spd.compiler.sym.Relation;
import spd.compiler.sym.Sym;

/**
 * Cuts a function of t &gt; 0 into the maximal intervals on which one expression applies: a piecewise expression whose
 * conditions compare t with constants becomes segments [0, b1), [b1, b2), ..., [bn, inf); any other expression is one
 * segment.
 */
final class Segments {
    private Segments() {}

    /**
     * One interval of t with the expression that applies on it.
     *
     * @param upperRelation how t compares with the upper bound inside the segment (&lt; or &lt;=)
     */
    record Segment(Expr lower, Optional<Expr> upper, Relation upperRelation, Expr value) {
        Interval range(Map<String, Double> values) {
            double lo = lower.evaluate(values);
            double hi = upper.map(u -> u.evaluate(values)).orElse(Double.POSITIVE_INFINITY);
            return new Interval(Math.max(lo, Double.MIN_VALUE), hi);
        }
    }

    /** The segments of {@code e} (a function of t), or null when a condition is not "t compared with a constant". */
    static List<Segment> of(Expr e, Context context) {
        if (!(e instanceof Piecewise p)) {
            return List.of(new Segment(Expr.ZERO, Optional.empty(), Relation.LT, e));
        }
        TreeMap<Double, Expr> breakpoints = new TreeMap<>();
        Map<Double, Relation> relations = new TreeMap<>();
        for (Piece piece : p.pieces()) {
            Condition c = piece.when();
            Expr bound;
            Relation relation;
            Sym t = new Sym(Context.T);
            if (c.left().equals(t) && !c.right().dependsOn(Context.T)) {
                bound = c.right();
                relation = c.relation();
            } else if (c.right().equals(t) && !c.left().dependsOn(Context.T)) {
                bound = c.left();
                relation = c.relation().flipped();
            } else {
                return null;
            }
            double value = valueOf(bound, context);
            if (Double.isNaN(value)) {
                return null;
            }
            if (value > 0 && Double.isFinite(value)) {
                breakpoints.putIfAbsent(value, bound);
                // Inside the segment below b: "t < b" and the complement of "t >= b" are strict; the others are not.
                relations.putIfAbsent(
                        value,
                        switch (relation) {
                            case LT, GE -> Relation.LT;
                            case LE, GT -> Relation.LE;
                        });
            }
        }
        List<Segment> segments = new ArrayList<>();
        Expr lower = Expr.ZERO;
        double lowerValue = 0;
        List<Double> points = new ArrayList<>(breakpoints.keySet());
        points.add(Double.POSITIVE_INFINITY);
        for (double upperValue : points) {
            double probe = Double.isInfinite(upperValue) ? 2 * lowerValue + 1 : (lowerValue + upperValue) / 2;
            Expr active = activePiece(p, probe, context);
            Optional<Expr> upper =
                    Double.isInfinite(upperValue) ? Optional.empty() : Optional.of(breakpoints.get(upperValue));
            Relation relation = Double.isInfinite(upperValue) ? Relation.LT : relations.get(upperValue);
            if (!segments.isEmpty() && segments.get(segments.size() - 1).value().equals(active)) {
                Segment previous = segments.remove(segments.size() - 1);
                segments.add(new Segment(previous.lower(), upper, relation, active));
            } else {
                segments.add(new Segment(lower, upper, relation, active));
            }
            lower = upper.orElse(lower);
            lowerValue = upperValue;
        }
        return segments;
    }

    private static double valueOf(Expr e, Context context) {
        try {
            return e.evaluate(context.values);
        } catch (IllegalArgumentException unknown) {
            return Double.NaN;
        }
    }

    private static Expr activePiece(Piecewise p, double t, Context context) {
        Map<String, Double> values = context.valuesWith(Context.T, t);
        for (Piece piece : p.pieces()) {
            if (piece.when().holds(values)) {
                return piece.value();
            }
        }
        return p.otherwise();
    }
}

package spd.compiler.sym;

import java.util.Map;
import java.util.Objects;

/** A comparison {@code left relation right} that selects a piece of a {@link Piecewise}. */
public record Condition(Expr left, Relation relation, Expr right) {
    public Condition {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(right, "right");
    }

    /** Whether the comparison holds at the given symbol values. */
    public boolean holds(Map<String, Double> values) {
        return relation.test(left.evaluate(values), right.evaluate(values));
    }

    public Condition substitute(Map<String, Expr> bindings) {
        return new Condition(left.substitute(bindings), relation, right.substitute(bindings));
    }
}

package spd.compiler.check;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import spd.compiler.source.Span;

/**
 * The names an expression may use where it stands: constants (with where they were defined, and the values of
 * those that have one) and the variables of its context, such as {@code w} in {@code eta(w) = ...} or {@code eta} in a keep expression.
 */
public record Scope(Map<String, Span> constants, Map<String, Double> values, Set<String> variables, String where) {

    /** Variables with a fixed meaning, and where they may appear: for messages when they appear elsewhere. */
    static final Map<String, String> SPECIAL_VARIABLES = Map.of(
            "w", "'w' is the weight; it can appear in eta(w) = ..., in mask expressions and in penalties",
            "eta",
                    "'eta' stands for eta(w) in mask expressions (keep = ..., variance = ...) and is the argument of f(eta)",
            "lr", "'lr' is the learning rate; it can appear in the keep expression of a prox mask");

    /**
     * Keeps {@code constants} as given (a read-only view of an experiment's constants: copying it for every
     * expression made checking quadratic in the number of constants).
     */
    public Scope {
        constants = java.util.Collections.unmodifiableMap(constants);
        values = java.util.Collections.unmodifiableMap(values);
        variables = new LinkedHashSet<>(variables);
    }

    /** A scope whose constants have no values yet (a named rule's parameters and constants). */
    public Scope(Map<String, Span> constants, Set<String> variables, String where) {
        this(constants, Map.of(), variables, where);
    }

    /** This scope with more variables. */
    public Scope withVariables(Set<String> more, String newWhere) {
        Set<String> all = new LinkedHashSet<>(variables);
        all.addAll(more);
        return new Scope(constants, values, all, newWhere);
    }

    /** Every name visible here, for "did you mean". */
    public Set<String> allNames() {
        Set<String> all = new LinkedHashSet<>(constants.keySet());
        all.addAll(variables);
        return all;
    }
}

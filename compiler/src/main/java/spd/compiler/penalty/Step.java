package spd.compiler.penalty;

import java.util.Objects;
import java.util.Optional;
import spd.compiler.sym.Expr;

/**
 * One step of a derivation, as data: the rule it applied, the quantity it defines and its value. {@code [log-rule]
 * Omega(w) = log(t + eps) - log(eps)} is the rule {@code log-rule}, the quantity {@link Quantity#OMEGA} and an
 * expression; report/StepPrinter renders it.
 *
 * @param rule the rule's short name, shown in brackets
 * @param defines the quantity on the left-hand side; empty to continue the previous line ("= ...") or for a remark
 * @param value the right-hand side; empty for a remark, which states a fact in its note
 * @param note a short justification ("scaled Bernoulli, E m = 1"), possibly empty
 */
public record Step(String rule, Optional<Quantity> defines, Optional<Formula> value, String note) {

    public Step {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(defines, "defines");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(note, "note");
    }

    /** quantity = value. */
    public static Step of(String rule, Quantity quantity, Expr value, String note) {
        return new Step(rule, Optional.of(quantity), Optional.of(new Formula.Expression(value)), note);
    }

    /** A step continuing the previous one's left-hand side ("= ..."). */
    public static Step then(String rule, Expr value, String note) {
        return new Step(rule, Optional.empty(), Optional.of(new Formula.Expression(value)), note);
    }

    /** A continuing step with any formula ("= int_0^|w| ... dt"). */
    public static Step then(String rule, Formula value, String note) {
        return new Step(rule, Optional.empty(), Optional.of(value), note);
    }

    /** quantity = a formula that is not a plain expression. */
    public static Step of(String rule, Quantity quantity, Formula value, String note) {
        return new Step(rule, Optional.of(quantity), Optional.of(value), note);
    }

    /** quantity = a named statement ({@link StandardFormula}). */
    public static Step of(String rule, Quantity quantity, StandardFormula value, String note) {
        return of(rule, quantity, new Formula.Standard(value), note);
    }

    /** A step that states a fact in words. */
    public static Step remark(String rule, String note) {
        return new Step(rule, Optional.empty(), Optional.empty(), note);
    }

    /** The step with its expressions mapped (integrals excepted), e.g. shown in |w| rather than t. */
    public Step mapExpressions(java.util.function.UnaryOperator<Expr> f) {
        return new Step(rule, defines, value.map(v -> v.mapExpressions(f)), note);
    }
}

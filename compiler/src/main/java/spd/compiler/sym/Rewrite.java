package spd.compiler.sym;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A named simplification rule: a partial function from an expression (and what is known about its symbols) to an equal
 * expression. Rules are data so that derivation steps can name them and tests can check each one numerically.
 *
 * @param name a short identifier shown in derivation steps, e.g. {@code cancel}
 * @param description what the rule does, in a sentence
 * @param scope whether the rule looks at one node at a time or at the whole expression
 */
public record Rewrite(
        String name, String description, Scope scope, BiFunction<Expr, Assumptions, Optional<Expr>> rule) {

    /** Where a rule applies. */
    public enum Scope {
        /** At every node, bottom-up, until nothing changes. */
        NODE,
        /** Once to the whole expression (the rule recurses itself). */
        WHOLE
    }

    public Rewrite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * The rewritten expression, or empty when the rule does not apply or changes nothing. A rewrite whose result is not
     * defined (it would build 0 * inf, say, where a piece is infinite) does not apply.
     */
    public Optional<Expr> apply(Expr e, Assumptions assumptions) {
        try {
            return rule.apply(e, assumptions).filter(result -> !result.equals(e));
        } catch (ArithmeticException undefined) {
            return Optional.empty();
        }
    }
}

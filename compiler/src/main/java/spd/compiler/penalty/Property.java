package spd.compiler.penalty;

import java.util.Objects;

/**
 * A property of the derived penalty with the reason it holds and how that was decided.
 *
 * @param name a stable identifier: monotone, subquadratic, sparsity, slope-at-zero, threshold, growth, convexity
 * @param holds whether the property holds (for the yes/no ones; descriptive ones such as growth are true)
 * @param statement the property in words, e.g. "eta_hat(w) is nondecreasing on w >= 0"
 * @param reason why, e.g. "derivative 2|w| + eps > 0"
 * @param method how it was decided
 */
public record Property(String name, boolean holds, String statement, String reason, Method method) {
    public Property {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(method, "method");
    }

    /** How a property was decided; reports say which. */
    public enum Method {
        /** From the symbolic form (signs of factors, limits of leading terms). */
        SYMBOLIC("symbolic"),
        /** By interval arithmetic on the symbolic derivative, a proof over the whole range. */
        INTERVAL("interval arithmetic"),
        /** On a dense grid of points: evidence, not proof. */
        GRID("dense grid"),
        /** From numeric values (quadrature, root finding). */
        NUMERIC("numeric");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}

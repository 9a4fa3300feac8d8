package spd.compiler.penalty;

import java.util.Objects;

/**
 * One source line a rule came from, quoted in the report.
 *
 * @param role what the line contributes, e.g. "reweighting", "mask", "penalty", "dual"
 * @param line the 1-based line number
 * @param text the line as written
 */
public record Quote(String role, int line, String text) {
    public Quote {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
    }
}

package spd.compiler.sym;

import java.util.Objects;

/** One case of a {@link Piecewise}: {@code value if when}. */
public record Piece(Condition when, Expr value) {
    public Piece {
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(value, "value");
    }
}

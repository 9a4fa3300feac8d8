package spd.compiler.sym;

import java.util.List;
import java.util.Objects;

/** A piecewise expression: the value of the first piece whose condition holds, else {@code otherwise}. */
public record Piecewise(List<Piece> pieces, Expr otherwise) implements Expr {
    public Piecewise {
        pieces = List.copyOf(pieces);
        Objects.requireNonNull(otherwise, "otherwise");
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("a piecewise expression needs at least one conditional piece");
        }
    }

    @Override
    public String toString() {
        return toText();
    }
}

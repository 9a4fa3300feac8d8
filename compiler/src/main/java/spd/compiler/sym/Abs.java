package spd.compiler.sym;

import java.util.Objects;

/** The absolute value |argument| of an argument whose sign is not known structurally. */
public record Abs(Expr argument) implements Expr {
    public Abs {
        Objects.requireNonNull(argument, "argument");
    }

    @Override
    public String toString() {
        return toText();
    }
}

package spd.compiler.sym;

import java.util.Objects;

/** An exact rational number. */
public record Num(Rational value) implements Expr {
    public Num {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return toText();
    }
}

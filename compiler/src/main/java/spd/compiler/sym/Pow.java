package spd.compiler.sym;

import java.util.Objects;

/** A power base^exponent that does not simplify further; sqrt(x) is x^(1/2). */
public record Pow(Expr base, Expr exponent) implements Expr {
    public Pow {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(exponent, "exponent");
    }

    @Override
    public String toString() {
        return toText();
    }
}

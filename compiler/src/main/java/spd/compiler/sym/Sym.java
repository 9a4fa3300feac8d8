package spd.compiler.sym;

import java.util.Objects;

/** A named real symbol: the weight {@code w}, a constant such as {@code eps}, or {@code eta}. */
public record Sym(String name) implements Expr {
    public Sym {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty symbol name");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

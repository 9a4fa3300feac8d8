package spd.compiler.sym;

import java.util.List;

/**
 * A product of at least two factors in canonical order, like bases collected into powers, a rational coefficient (if
 * any, never 1) first; build with {@link Expr#mul}.
 */
public record Product(List<Expr> factors) implements Expr {
    public Product {
        factors = List.copyOf(factors);
        if (factors.size() < 2) {
            throw new IllegalArgumentException("a product needs two factors or more");
        }
    }

    /** The rational coefficient (1 when there is none). */
    public Rational coefficient() {
        return factors.get(0) instanceof Num n ? n.value() : Rational.ONE;
    }

    @Override
    public String toString() {
        return toText();
    }
}

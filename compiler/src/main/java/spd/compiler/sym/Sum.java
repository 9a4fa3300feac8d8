package spd.compiler.sym;

import java.util.List;

/** A sum of at least two terms in canonical order, with like terms collected; build with {@link Expr#add}. */
public record Sum(List<Expr> terms) implements Expr {
    public Sum {
        terms = List.copyOf(terms);
        if (terms.size() < 2) {
            throw new IllegalArgumentException("a sum needs two terms or more");
        }
    }

    @Override
    public String toString() {
        return toText();
    }
}

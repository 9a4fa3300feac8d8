package spd.compiler.sym;

import java.util.Comparator;
import java.util.List;

/**
 * The total order of canonical forms: terms of a sum and factors of a product are sorted by it, so that equal
 * expressions have equal structure. It is consistent with {@code equals}.
 */
final class ExprOrder implements Comparator<Expr> {
    static final ExprOrder INSTANCE = new ExprOrder();

    private ExprOrder() {}

    @Override
    public int compare(Expr a, Expr b) {
        if (a == b) {
            return 0;
        }
        // A power sorts beside its base, so that x, x^2 and x^(1/2) are neighbours.
        int byBase = compareBases(baseOf(a), baseOf(b));
        if (byBase != 0) {
            return byBase;
        }
        return compareBases(exponentOf(a), exponentOf(b));
    }

    private static Expr baseOf(Expr e) {
        return e instanceof Pow p ? p.base() : e;
    }

    private static Expr exponentOf(Expr e) {
        return e instanceof Pow p ? p.exponent() : Expr.ONE;
    }

    private int compareBases(Expr a, Expr b) {
        if (a.equals(b)) {
            return 0;
        }
        int byRank = Integer.compare(rank(a), rank(b));
        if (byRank != 0) {
            return byRank;
        }
        return switch (a) {
            case Num n -> n.value().compareTo(((Num) b).value());
            case Sym s -> s.name().compareTo(((Sym) b).name());
            case NamedConstant c -> c.name().compareTo(((NamedConstant) b).name());
            case Infinity i -> 0;
            case Abs abs -> compare(abs.argument(), ((Abs) b).argument());
            case Call call -> compareCalls(call, (Call) b);
            case Product p -> compareLists(p.factors(), ((Product) b).factors());
            case Sum s -> compareLists(s.terms(), ((Sum) b).terms());
            case Pow p -> compare(p, b);
            case Piecewise p -> comparePiecewise(p, (Piecewise) b);
        };
    }

    private static int rank(Expr e) {
        return switch (e) {
            case Num n -> 0;
            case NamedConstant c -> 1;
            case Sym s -> 2;
            case Abs a -> 3;
            case Call c -> 4;
            case Pow p -> 5;
            case Product p -> 6;
            case Sum s -> 7;
            case Piecewise p -> 8;
            case Infinity i -> 9;
        };
    }

    private int compareCalls(Call a, Call b) {
        int byFunction = compareFunctions(a.function(), b.function());
        return byFunction != 0 ? byFunction : compareLists(a.args(), b.args());
    }

    /** Builtins in their declaration order, then supplied functions by name. */
    private static int compareFunctions(MathFunction a, MathFunction b) {
        if (a instanceof Builtin x && b instanceof Builtin y) {
            return x.compareTo(y);
        }
        if (a instanceof Builtin || b instanceof Builtin) {
            return a instanceof Builtin ? -1 : 1;
        }
        return a.spdName().compareTo(b.spdName());
    }

    private int compareLists(List<Expr> a, List<Expr> b) {
        // Compare from the most significant (last) element, as polynomials are compared by their leading term.
        int i = a.size() - 1;
        int j = b.size() - 1;
        for (; i >= 0 && j >= 0; i--, j--) {
            int c = compare(a.get(i), b.get(j));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private int comparePiecewise(Piecewise a, Piecewise b) {
        int c = compare(a.otherwise(), b.otherwise());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.pieces().size(), b.pieces().size());
        for (int i = 0; c == 0 && i < a.pieces().size(); i++) {
            Piece pa = a.pieces().get(i);
            Piece pb = b.pieces().get(i);
            c = compare(pa.value(), pb.value());
            if (c == 0) {
                c = compare(pa.when().left(), pb.when().left());
            }
            if (c == 0) {
                c = compare(pa.when().right(), pb.when().right());
            }
            if (c == 0) {
                c = pa.when().relation().compareTo(pb.when().relation());
            }
        }
        return c;
    }
}

package spd.compiler.sym;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Generic rebuilding of an expression from transformed children. */
public final class Structure {
    private Structure() {}

    /**
     * The expression with {@code f} applied to each direct child, rebuilt canonically; the expression itself when every
     * child comes back unchanged (rebuilding is what simplification spends most of its time on).
     */
    public static Expr mapChildren(Expr e, UnaryOperator<Expr> f) {
        return switch (e) {
            case Num n -> e;
            case Sym s -> e;
            case NamedConstant c -> e;
            case Infinity i -> e;
            case Sum s -> {
                List<Expr> terms = mapAll(s.terms(), f);
                yield terms == null ? e : Expr.sum(terms);
            }
            case Product p -> {
                List<Expr> factors = mapAll(p.factors(), f);
                yield factors == null ? e : Expr.product(factors);
            }
            case Pow p -> {
                Expr base = f.apply(p.base());
                Expr exponent = f.apply(p.exponent());
                yield base == p.base() && exponent == p.exponent() ? e : Expr.pow(base, exponent);
            }
            case Abs a -> {
                Expr argument = f.apply(a.argument());
                yield argument == a.argument() ? e : Expr.abs(argument);
            }
            case Call c -> {
                List<Expr> args = mapAll(c.args(), f);
                yield args == null ? e : Expr.call(c.function(), args);
            }
            case Piecewise p -> piecewise(p, f);
        };
    }

    /** The mapped list, or null when every element comes back as the same object. */
    private static List<Expr> mapAll(List<Expr> list, UnaryOperator<Expr> f) {
        List<Expr> mapped = new ArrayList<>(list.size());
        boolean changed = false;
        for (Expr x : list) {
            Expr y = f.apply(x);
            changed |= y != x;
            mapped.add(y);
        }
        return changed ? mapped : null;
    }

    private static Expr piecewise(Piecewise p, UnaryOperator<Expr> f) {
        boolean changed = false;
        List<Piece> pieces = new ArrayList<>();
        for (Piece piece : p.pieces()) {
            Condition c = piece.when();
            Expr left = f.apply(c.left());
            Expr right = f.apply(c.right());
            Expr value = f.apply(piece.value());
            changed |= left != c.left() || right != c.right() || value != piece.value();
            pieces.add(new Piece(new Condition(left, c.relation(), right), value));
        }
        Expr otherwise = f.apply(p.otherwise());
        changed |= otherwise != p.otherwise();
        return changed ? Expr.piecewise(pieces, otherwise) : p;
    }
}

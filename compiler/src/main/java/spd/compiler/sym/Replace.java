package spd.compiler.sym;

/** Structural replacement of a subexpression. */
public final class Replace {
    private Replace() {}

    /** {@code e} with every occurrence of {@code target} replaced by {@code replacement}, rebuilt canonically. */
    public static Expr all(Expr e, Expr target, Expr replacement) {
        if (e.equals(target)) {
            return replacement;
        }
        return Structure.mapChildren(e, child -> all(child, target, replacement));
    }
}

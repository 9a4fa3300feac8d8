package spd.compiler.sym;

import java.util.List;

/**
 * Rational normalisation: an expression becomes one fraction num/den of polynomials in its kernels with their gcd
 * divided out, and so does every kernel's argument. (1 - K)/K with K = eta/(eta + lambda) becomes lambda/eta.
 */
public final class Cancel {
    private Cancel() {}

    /** e in lowest terms, or e itself when that takes longer than the symbolic budget ({@link Effort}). */
    public static Expr deep(Expr e) {
        return Effort.bounded("cancellation", e, () -> deepUnbounded(e), () -> e);
    }

    private static Expr deepUnbounded(Expr e) {
        return rationalForm(inside(e));
    }

    /** Cancels inside kernels (arguments of functions, bases of fractional powers), leaving the rational frame. */
    private static Expr inside(Expr e) {
        return switch (e) {
            case Sum s -> Expr.sum(s.terms().stream().map(Cancel::inside).toList());
            case Product p ->
                Expr.product(p.factors().stream().map(Cancel::inside).toList());
            case Pow p
            when p.exponent() instanceof Num n && n.value().isInteger() -> Expr.pow(inside(p.base()), p.exponent());
            case Pow p -> Expr.pow(deepUnbounded(p.base()), deepUnbounded(p.exponent()));
            default -> Structure.mapChildren(e, Cancel::deepUnbounded);
        };
    }

    private static Expr rationalForm(Expr e) {
        if (!(e instanceof Sum || e instanceof Product || e instanceof Pow)) {
            return e;
        }
        try {
            PolyRing ring = PolyRing.algebraic(List.of(e));
            return ring.toExpr(ring.toRatFun(e));
        } catch (ArithmeticException infinite) {
            // Infinity has no rational form; leave such expressions as they are.
            return e;
        }
    }
}

package spd.compiler.sym;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites an expression into an equal one that loses less to rounding in double precision, for numeric evaluation
 * (never for display): the differences that cancel catastrophically near 0 or for large arguments become the
 * library functions made for them, and differences of square roots are rationalised.
 *
 * <ul>
 *   <li>log(c + x) = log(c) + log1p(x/c); log(N/D) = log1p((N - D)/D) when N - D cancels to fewer terms than N;
 *       log(cosh u) = log1p(2 sinh(u/2)^2);</li>
 *   <li>k exp(u) - k = k expm1(u); k cosh(u) - k = 2k sinh(u/2)^2; k - k cos(u) = 2k sin(u/2)^2;
 *       k - k erf(u) = k erfc(u);</li>
 *   <li>T + R with T = c sqrt(A) and R of the opposite sign on the whole range: (T^2 - R^2)/(T - R), when T^2 - R^2
 *       cancels to an expression free of sqrt(A) (sqrt(eps^2 + 4 eta) - eps becomes 4 eta/(sqrt(eps^2 + 4 eta) + eps)).
 *       The denominator then adds two numbers of one sign, so nothing cancels and it cannot vanish.</li>
 * </ul>
 * Each rewrite is an identity wherever both sides are defined (the soundness test checks them at random points).
 */
public final class StableForm {
    private final Assumptions assumptions;

    private StableForm(Assumptions assumptions) {
        this.assumptions = assumptions;
    }

    /** {@code e} in a form better suited to double evaluation, on the ranges the assumptions give. */
    public static Expr of(Expr e, Assumptions assumptions) {
        return Effort.bounded("stable form", e, () -> new StableForm(assumptions).rewrite(e), () -> e);
    }

    private Expr rewrite(Expr e) {
        Expr rebuilt = Structure.mapChildren(e, this::rewrite);
        return switch (rebuilt) {
            case Call c when c.function() == Builtin.LOG -> logarithm(c.arg()).orElse(rebuilt);
            case Sum s -> sum(s);
            default -> rebuilt;
        };
    }

    // ------------------------------------------------------------------ logarithms

    private Optional<Expr> logarithm(Expr x) {
        if (x instanceof Call c && c.function() == Builtin.COSH) {
            return Optional.of(Expr.call(Builtin.LOG1P, twoSquared(Builtin.SINH, c.arg(), Rational.ONE)));
        }
        if (x instanceof Sum s) {
            Rational c = constantTerm(s);
            if (c != null && c.signum() > 0) {
                Expr rest = Expr.div(Expr.sub(x, Expr.number(c)), Expr.number(c));
                return Optional.of(Expr.add(Expr.log(Expr.number(c)), Expr.call(Builtin.LOG1P, rest)));
            }
        }
        if (x instanceof Product || x instanceof Pow) {
            Display.Fraction f = Display.fraction(x);
            Expr numerator = Expr.mul(Expr.number(f.negative() ? -1 : 1), Expr.product(f.numerator()));
            Expr denominator = Expr.product(f.denominator());
            if (!denominator.equals(Expr.ONE)) {
                Expr difference = Cancel.deep(Expr.sub(numerator, denominator));
                if (termCount(difference) < Math.max(termCount(numerator), 2)) {
                    return Optional.of(Expr.call(Builtin.LOG1P, Expr.div(difference, denominator)));
                }
            }
        }
        return Optional.empty();
    }

    private static int termCount(Expr e) {
        return e instanceof Sum s ? s.terms().size() : 1;
    }

    /** The numeric term of a sum, or null when it has none. */
    private static Rational constantTerm(Sum s) {
        for (Expr term : s.terms()) {
            if (term instanceof Num n) {
                return n.value();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ sums

    private Expr sum(Sum s) {
        Rational constant = constantTerm(s);
        if (constant != null) {
            Optional<Expr> paired = pairWithConstant(s, constant);
            if (paired.isPresent()) {
                return paired.get();
            }
        }
        return rationalizedRoot(s).orElse(s);
    }

    /**
     * k f(u) + c with c = -k f(0) for f = exp, cosh, cos, erf: the difference that cancels near u = 0 (erf: at large u)
     * written with expm1, sinh^2, sin^2 or erfc.
     */
    private Optional<Expr> pairWithConstant(Sum s, Rational constant) {
        for (Expr term : s.terms()) {
            Rational k = Canon.coefficientOf(term);
            Expr core = Canon.withoutCoefficient(term);
            if (!(core instanceof Call c) || c.args().size() != 1 || !(c.function() instanceof Builtin f)) {
                continue;
            }
            Expr replacement = switch (f) {
                case EXP ->
                    k.negate().equals(constant) ? Expr.mul(Expr.number(k), Expr.call(Builtin.EXPM1, c.arg())) : null;
                case COSH -> k.negate().equals(constant) ? twoSquared(Builtin.SINH, c.arg(), k) : null;
                case COS -> k.negate().equals(constant) ? twoSquared(Builtin.SIN, c.arg(), k.negate()) : null;
                case ERF ->
                    k.negate().equals(constant)
                            ? Expr.mul(Expr.number(k.negate()), Expr.call(Builtin.ERFC, c.arg()))
                            : null;
                default -> null;
            };
            if (replacement != null) {
                List<Expr> rest = new ArrayList<>(s.terms());
                rest.remove(term);
                rest.remove(Expr.number(constant));
                rest.add(replacement);
                return Optional.of(Expr.sum(rest));
            }
        }
        return Optional.empty();
    }

    /** 2 k f(u/2)^2. */
    private static Expr twoSquared(Builtin f, Expr u, Rational k) {
        return Expr.mul(
                Expr.number(k.multiply(Rational.of(2))), Expr.pow(Expr.call(f, Expr.mul(Expr.HALF, u)), Expr.TWO));
    }

    /** T + R = (T^2 - R^2)/(T - R) for a square-root term T whose sign is opposite to R's on the whole range. */
    private Optional<Expr> rationalizedRoot(Sum s) {
        for (Expr term : s.terms()) {
            Pow root = squareRootFactor(term);
            if (root == null) {
                continue;
            }
            Expr rest = Expr.sub(s, term);
            Interval t = IntervalEvaluation.enclose(term, assumptions);
            Interval r = IntervalEvaluation.enclose(rest, assumptions);
            boolean opposite = (t.isPositive() && r.isNegative()) || (t.isNegative() && r.isPositive());
            if (!opposite) {
                continue;
            }
            Expr numerator = Cancel.deep(Expr.sub(Expr.pow(term, Expr.TWO), Expr.pow(rest, Expr.TWO)));
            if (!Traversal.contains(numerator, root)) {
                return Optional.of(Expr.div(numerator, Expr.sub(term, rest)));
            }
        }
        return Optional.empty();
    }

    private static Pow squareRootFactor(Expr term) {
        for (Expr f : term instanceof Product p ? p.factors() : List.of(term)) {
            if (f instanceof Pow p && p.exponent().equals(Expr.HALF) && p.base() instanceof Sum) {
                return p;
            }
        }
        return null;
    }
}

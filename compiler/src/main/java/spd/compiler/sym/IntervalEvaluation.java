package spd.compiler.sym;

/** Encloses the values of an expression over the ranges of its symbols (interval analysis). */
public final class IntervalEvaluation {
    private IntervalEvaluation() {}

    public static Interval enclose(Expr e, Assumptions assumptions) {
        return switch (e) {
            case Num n -> Interval.point(n.value().toDouble()).add(new Interval(-tiny(n), tiny(n)));
            case NamedConstant c -> new Interval(Math.nextDown(c.value()), Math.nextUp(c.value()));
            case Infinity i -> Interval.point(Double.POSITIVE_INFINITY);
            case Sym s -> assumptions.rangeOf(s.name());
            case Sum s -> {
                Interval total = Interval.point(0);
                for (Expr term : s.terms()) {
                    total = total.add(enclose(term, assumptions));
                }
                yield total;
            }
            case Product p -> {
                Interval total = Interval.point(1);
                for (Expr factor : p.factors()) {
                    total = total.multiply(enclose(factor, assumptions));
                }
                yield total;
            }
            case Pow p -> power(p, assumptions);
            case Abs a -> enclose(a.argument(), assumptions).abs();
            case Call c -> call(c, assumptions);
            case Piecewise p -> {
                Interval hull = enclose(p.otherwise(), assumptions);
                for (Piece piece : p.pieces()) {
                    hull = hull.hull(enclose(piece.value(), assumptions));
                }
                yield hull;
            }
        };
    }

    private static double tiny(Num n) {
        return n.value().isInteger() ? 0 : Math.ulp(n.value().toDouble());
    }

    private static Interval power(Pow p, Assumptions assumptions) {
        Interval base = enclose(p.base(), assumptions);
        if (p.exponent() instanceof Num n) {
            Rational r = n.value();
            if (r.isInteger() && r.numerator().bitLength() < 16) {
                return base.pow(r.intValueExact());
            }
            return base.powReal(r.toDouble());
        }
        Interval exponent = enclose(p.exponent(), assumptions);
        if (!base.isNonnegative()) {
            return Interval.ALL;
        }
        Interval a = base.powReal(exponent.lo());
        Interval b = base.powReal(exponent.hi());
        return a.hull(b);
    }

    private static Interval call(Call c, Assumptions assumptions) {
        return switch (c.function()) {
            case SuppliedFunction supplied -> supplied.range();
            case Builtin builtin -> builtin(builtin, c, assumptions);
        };
    }

    private static Interval builtin(Builtin f, Call c, Assumptions assumptions) {
        Interval x = enclose(c.args().get(0), assumptions);
        return switch (f) {
            case LOG ->
                x.lo() <= 0 && x.hi() <= 0
                        ? Interval.ALL
                        : new Interval(Math.max(x.lo(), 0), x.hi()).increasing(Math::log);
            case EXP -> x.increasing(Math::exp);
            case SQRT -> x.powReal(0.5);
            case ABS -> x.abs();
            case SIGN -> new Interval(Math.signum(x.lo()), Math.signum(x.hi()));
            case SIGMOID -> x.increasing(BuiltinMath::sigmoid);
            case TANH -> x.increasing(Math::tanh);
            case SINH -> x.increasing(Math::sinh);
            case COSH -> {
                Interval a = x.abs();
                yield a.increasing(Math::cosh);
            }
            case SOFTPLUS -> x.increasing(BuiltinMath::softplus);
            case ATAN -> x.increasing(Math::atan);
            case SIN -> Trigonometry.sine(x);
            case COS -> Trigonometry.cosine(x);
            case TAN -> Trigonometry.tangent(x);
            case LOG1P ->
                x.lo() <= -1 && x.hi() <= -1
                        ? Interval.ALL
                        : new Interval(Math.max(x.lo(), -1), x.hi()).increasing(Math::log1p);
            case EXPM1 -> x.increasing(Math::expm1);
            case ERFC ->
                x.decreasing(v ->
                        Double.isInfinite(v) ? 1 - Math.signum(v) : org.apache.commons.numbers.gamma.Erfc.value(v));
            case ERF ->
                x.increasing(
                        v -> Double.isInfinite(v) ? Math.signum(v) : org.apache.commons.numbers.gamma.Erf.value(v));
            // |D(x)| <= 0.5410442246 (its maximum, at x = 0.9241388730); D has the sign of x.
            case DAWSON -> new Interval(x.lo() >= 0 ? 0 : -0.5410442247, x.hi() <= 0 ? 0 : 0.5410442247);
            case MIN -> {
                Interval y = enclose(c.args().get(1), assumptions);
                yield new Interval(Math.min(x.lo(), y.lo()), Math.min(x.hi(), y.hi()));
            }
            case MAX -> {
                Interval y = enclose(c.args().get(1), assumptions);
                yield new Interval(Math.max(x.lo(), y.lo()), Math.max(x.hi(), y.hi()));
            }
        };
    }
}

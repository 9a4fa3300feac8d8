package spd.compiler.sym;

import java.util.Map;
import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.numbers.gamma.Erfc;

/**
 * Evaluates an expression with double mantissas and 64-bit binary exponents, so that no intermediate value overflows
 * or underflows: exp(800)/(exp(800) + 1) is 1, not inf/inf, and t exp(-900)/exp(-1000) is t e^100, not 0/0. Only the
 * final value is rounded to a double (to 0 or an infinity when it is truly beyond the double range). It is the
 * fallback of {@link Compiled} when plain double evaluation gives a non-finite value; it is several times slower.
 */
final class WideEvaluation {
    private static final double LN2 = Math.log(2);
    /** Exponents beyond this are out of range: overflows and underflows of unknown size. */
    private static final long EXPONENT_LIMIT = 1L << 60;

    private WideEvaluation() {}

    /**
     * A real number mantissa * 2^exponent, the mantissa in [0.5, 1) in magnitude. Special values have exponent 0 (exact
     * zero, the expression's own infinity, NaN) or 1: a magnitude beyond even this range, too large (mantissa +-inf,
     * an overflow) or too small (mantissa +-0, an underflow). Overflows meet underflows or each other only in NaN, so a
     * ratio of two overflowed exponentials is never mistaken for 0 or 1; the expression's own inf times an exact zero is
     * 0 (t/eta with eta = inf), as in the double evaluation.
     */
    record Wide(double mantissa, long exponent) {
        static final Wide ZERO = new Wide(0, 0);
        static final Wide NAN = new Wide(Double.NaN, 0);

        static Wide of(double x) {
            if (x == 0 || !Double.isFinite(x)) {
                return new Wide(x, 0);
            }
            return normalized(x, 0);
        }

        static Wide overflow(double sign) {
            return new Wide(Math.copySign(Double.POSITIVE_INFINITY, sign), 1);
        }

        static Wide underflow(double sign) {
            return new Wide(Math.copySign(0.0, sign), 1);
        }

        /** m * 2^e renormalised. */
        static Wide normalized(double m, long e) {
            if (m == 0 || !Double.isFinite(m)) {
                return new Wide(m, 0);
            }
            int shift = Math.getExponent(m) + 1;
            if (shift < -1000) {
                // subnormal mantissa
                m = Math.scalb(m, 100);
                e -= 100;
                shift = Math.getExponent(m) + 1;
            }
            long exponent = e + shift;
            if (exponent > EXPONENT_LIMIT) {
                return overflow(m);
            }
            if (exponent < -EXPONENT_LIMIT) {
                return underflow(m);
            }
            return new Wide(Math.scalb(m, -shift), exponent);
        }

        boolean isFinite() {
            return Double.isFinite(mantissa);
        }

        boolean isNaN() {
            return Double.isNaN(mantissa);
        }

        /** Exactly zero (not an underflow). */
        boolean isZero() {
            return mantissa == 0 && exponent == 0;
        }

        boolean isOverflow() {
            return Double.isInfinite(mantissa) && exponent == 1;
        }

        boolean isUnderflow() {
            return mantissa == 0 && exponent == 1;
        }

        /** The expression's own infinity. */
        boolean isInfinity() {
            return Double.isInfinite(mantissa) && exponent == 0;
        }

        int signum() {
            return mantissa == 0 ? (exponent == 1 ? (int) Math.copySign(1, mantissa) : 0) : (int) Math.signum(mantissa);
        }

        /** The nearest double: 0 or an infinity when beyond the double range. */
        double toDouble() {
            if (mantissa == 0 || !Double.isFinite(mantissa)) {
                return mantissa;
            }
            if (exponent > 1100) {
                return Math.copySign(Double.POSITIVE_INFINITY, mantissa);
            }
            if (exponent < -1100) {
                return Math.copySign(0.0, mantissa);
            }
            return Math.scalb(mantissa, (int) exponent);
        }

        Wide negate() {
            return new Wide(-mantissa, exponent);
        }

        Wide plus(Wide o) {
            if (isNaN() || o.isNaN()) {
                return NAN;
            }
            if (isInfinity() || o.isInfinity()) {
                return of(mantissa + o.mantissa);
            }
            if (isOverflow() || o.isOverflow()) {
                return isOverflow() && o.isOverflow() && signum() != o.signum() ? NAN : isOverflow() ? this : o;
            }
            if (isZero() || isUnderflow()) {
                return o.isZero() ? this : o;
            }
            if (o.isZero() || o.isUnderflow()) {
                return this;
            }
            Wide big = exponent >= o.exponent ? this : o;
            Wide small = big == this ? o : this;
            long gap = big.exponent - small.exponent;
            if (gap > 1100) {
                return big;
            }
            return normalized(big.mantissa + Math.scalb(small.mantissa, (int) -gap), big.exponent);
        }

        Wide times(Wide o) {
            if (isNaN() || o.isNaN()) {
                return NAN;
            }
            if (isZero() || o.isZero()) {
                // an exact zero wins over the expression's own inf (t/eta with eta = inf is 0) and over any magnitude
                return ZERO;
            }
            double sign = Math.signum(signum() * (double) o.signum());
            boolean huge = isOverflow() || o.isOverflow() || isInfinity() || o.isInfinity();
            boolean tiny = isUnderflow() || o.isUnderflow();
            if (huge && tiny) {
                return NAN;
            }
            if (isInfinity() || o.isInfinity()) {
                return of(sign * Double.POSITIVE_INFINITY);
            }
            if (huge) {
                return overflow(sign);
            }
            if (tiny) {
                return underflow(sign);
            }
            return normalized(mantissa * o.mantissa, exponent + o.exponent);
        }

        Wide reciprocal() {
            if (isNaN()) {
                return NAN;
            }
            if (isOverflow()) {
                return underflow(mantissa);
            }
            if (isUnderflow()) {
                return overflow(mantissa);
            }
            if (isZero()) {
                return NAN; // a pole: no value here (1/0 next to a zero factor would otherwise read as 0)
            }
            if (!isFinite()) {
                return of(1 / mantissa);
            }
            return normalized(1 / mantissa, -exponent);
        }

        /** log(|x|) as a double (NaN beyond the range, where the magnitude is unknown). */
        double logAbs() {
            if (isOverflow() || isUnderflow()) {
                return Double.NaN;
            }
            return Math.log(Math.abs(mantissa)) + exponent * LN2;
        }

        int compareTo(Wide o) {
            Wide difference = plus(o.negate());
            return difference.isNaN() ? 0 : difference.signum();
        }
    }

    /** The value of e at {@code variable} = x, the other symbols taken from {@code constants}. */
    static double evaluate(Expr e, String variable, double x, Map<String, Double> constants) {
        return new WideEvaluation.Evaluator(variable, x, constants).of(e).toDouble();
    }

    /** The recursive evaluator: one variable's value and the constants. */
    private record Evaluator(String variable, double x, Map<String, Double> constants) {
        Wide of(Expr e) {
            return switch (e) {
                case Num n -> Wide.of(n.value().toDouble());
                case NamedConstant c -> Wide.of(c.value());
                case Infinity i -> Wide.of(Double.POSITIVE_INFINITY);
                case Sym s -> Wide.of(s.name().equals(variable) ? x : constant(s.name()));
                case Sum s -> {
                    Wide total = Wide.ZERO;
                    for (Expr term : s.terms()) {
                        total = total.plus(of(term));
                    }
                    yield total;
                }
                case Product p -> {
                    // every factor is evaluated: a zero next to a pole is 0/0, not 0
                    Wide total = Wide.of(1);
                    for (Expr factor : p.factors()) {
                        total = total.times(of(factor));
                    }
                    yield total;
                }
                case Pow p -> power(of(p.base()), p.exponent());
                case Abs a -> {
                    Wide v = of(a.argument());
                    yield new Wide(Math.abs(v.mantissa()), v.exponent());
                }
                case Call c -> call(c);
                case Piecewise p -> piecewise(p);
            };
        }

        private double constant(String name) {
            Double v = constants.get(name);
            if (v == null) {
                throw new IllegalArgumentException("no value for symbol '" + name + "'");
            }
            return v;
        }

        private Wide power(Wide base, Expr exponent) {
            double r = exponent instanceof Num n
                    ? n.value().toDouble()
                    : of(exponent).toDouble();
            if (Double.isNaN(r)) {
                return Wide.NAN;
            }
            if (base.isOverflow() || base.isUnderflow()) {
                boolean negative = base.signum() < 0 && r == Math.rint(r) && ((long) r & 1) == 1;
                if (base.signum() < 0 && r != Math.rint(r)) {
                    return Wide.NAN;
                }
                double sign = negative ? -1 : 1;
                return r == 0 ? Wide.of(1) : (r > 0) == base.isOverflow() ? Wide.overflow(sign) : Wide.underflow(sign);
            }
            if (base.isZero() && r < 0) {
                return Wide.NAN; // a pole
            }
            if (!base.isFinite() || base.isZero()) {
                return Wide.of(Math.pow(base.mantissa(), r));
            }
            boolean integer = r == Math.rint(r);
            if (base.signum() < 0 && !integer) {
                return Wide.NAN;
            }
            if (integer && Math.abs(r) <= 64) {
                Wide result = Wide.of(1);
                Wide square = base;
                for (long k = (long) Math.abs(r); k > 0; k >>= 1) {
                    if ((k & 1) == 1) {
                        result = result.times(square);
                    }
                    square = square.times(square);
                }
                return r < 0 ? result.reciprocal() : result;
            }
            if (Math.abs(base.exponent()) < 1000 && Math.abs(r * base.exponent()) < 1000) {
                // Within the double range the library's pow (and sqrt) is correctly rounded or nearly so.
                return Wide.of(r == 0.5 ? Math.sqrt(base.toDouble()) : Math.pow(base.toDouble(), r));
            }
            // |b|^r = |m|^r * 2^(r e), with r e split into an integer and a fraction.
            double scaled = r * base.exponent();
            if (Math.abs(scaled) > EXPONENT_LIMIT) {
                return scaled > 0 ? Wide.overflow(1) : Wide.underflow(1);
            }
            double whole = Math.floor(scaled);
            double m = Math.pow(Math.abs(base.mantissa()), r) * Math.pow(2, scaled - whole);
            boolean negative = base.signum() < 0 && ((long) r & 1) == 1;
            return Wide.normalized(negative ? -m : m, (long) whole);
        }

        private Wide exp(Wide a) {
            if (a.isOverflow()) {
                return a.signum() > 0 ? Wide.overflow(1) : Wide.underflow(1);
            }
            double v = a.toDouble();
            if (Double.isNaN(v)) {
                return Wide.NAN;
            }
            if (Math.abs(v) < 700) {
                return Wide.of(Math.exp(v));
            }
            if (Math.abs(v) > EXPONENT_LIMIT * LN2) {
                return v > 0 ? Wide.overflow(1) : Wide.underflow(1);
            }
            double k = Math.floor(v / LN2);
            return Wide.normalized(Math.exp(v - k * LN2), (long) k);
        }

        private Wide call(Call c) {
            if (c.function() == Builtin.MIN || c.function() == Builtin.MAX) {
                Wide a = of(c.args().get(0));
                Wide b = of(c.args().get(1));
                boolean firstSmaller = a.compareTo(b) <= 0;
                return (c.function() == Builtin.MIN) == firstSmaller ? a : b;
            }
            if (c.args().size() != 1 || !(c.function() instanceof Builtin f)) {
                double[] args =
                        c.args().stream().mapToDouble(a -> of(a).toDouble()).toArray();
                return Wide.of(c.function().apply(args));
            }
            Wide a = of(c.arg());
            double v = a.toDouble();
            return switch (f) {
                case EXP -> exp(a);
                case LOG ->
                    a.signum() < 0 ? Wide.NAN : a.isZero() ? Wide.of(Double.NEGATIVE_INFINITY) : Wide.of(a.logAbs());
                case LOG1P ->
                    Math.abs(v) < 0.5
                            ? Wide.of(Math.log1p(v))
                            : a.plus(Wide.of(1)).signum() < 0
                                    ? Wide.NAN
                                    : Wide.of(a.plus(Wide.of(1)).logAbs());
                case EXPM1 -> Math.abs(v) < 0.5 ? Wide.of(Math.expm1(v)) : exp(a).plus(Wide.of(-1));
                case SQRT -> power(a, Expr.HALF);
                case COSH, SINH -> {
                    if (Math.abs(v) < 700) {
                        yield Wide.of(c.function() == Builtin.COSH ? Math.cosh(v) : Math.sinh(v));
                    }
                    Wide half = exp(Wide.of(Math.abs(v))).times(Wide.of(0.5));
                    yield c.function() == Builtin.SINH && v < 0 ? half.negate() : half;
                }
                case SIGMOID -> v < -40 ? exp(a) : Wide.of(c.function().apply(v));
                case SOFTPLUS ->
                    v < -40
                            ? exp(a)
                            : v > 40
                                    ? a.plus(Wide.of(Math.log1p(Math.exp(-v))))
                                    : Wide.of(c.function().apply(v));
                case ERFC -> v > 26 ? erfcTail(v) : Wide.of(Erfc.value(v));
                case ERF -> Wide.of(Double.isInfinite(v) ? Math.signum(v) : Erf.value(v));
                case ABS -> new Wide(Math.abs(a.mantissa()), a.exponent());
                default -> Wide.of(c.function().apply(v));
            };
        }

        /** erfc(x) = exp(-x^2)/(x sqrt(pi)) (1 - 1/(2x^2) + 3/(4x^4) - 15/(8x^6)) for x > 26 (relative error < 1e-9). */
        private Wide erfcTail(double x) {
            double y = 1 / (2 * x * x);
            double series = 1 - y + 3 * y * y - 15 * y * y * y;
            return exp(Wide.of(-x * x)).times(Wide.of(series / (x * Math.sqrt(Math.PI))));
        }

        private Wide piecewise(Piecewise p) {
            for (Piece piece : p.pieces()) {
                int c = of(piece.when().left()).compareTo(of(piece.when().right()));
                boolean holds = switch (piece.when().relation()) {
                    case LT -> c < 0;
                    case LE -> c <= 0;
                    case GT -> c > 0;
                    case GE -> c >= 0;
                };
                if (holds) {
                    return of(piece.value());
                }
            }
            return of(p.otherwise());
        }
    }
}

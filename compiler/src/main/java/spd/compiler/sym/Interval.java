package spd.compiler.sym;

/**
 * A closed interval [lo, hi] of the extended reals, with the arithmetic of interval analysis: every result encloses
 * all values the operation can take on its arguments. Used to decide signs; NaN bounds mean "unknown".
 */
public record Interval(double lo, double hi) {
    public static final Interval ALL = new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    public static final Interval NONNEGATIVE = new Interval(0, Double.POSITIVE_INFINITY);
    public static final Interval POSITIVE = new Interval(Double.MIN_VALUE, Double.POSITIVE_INFINITY);
    public static final Interval UNIT = new Interval(0, 1);

    public Interval {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            lo = Double.NEGATIVE_INFINITY;
            hi = Double.POSITIVE_INFINITY;
        }
    }

    public static Interval point(double v) {
        return new Interval(v, v);
    }

    public boolean isPositive() {
        return lo > 0;
    }

    public boolean isNonnegative() {
        return lo >= 0;
    }

    public boolean isNegative() {
        return hi < 0;
    }

    public boolean isNonpositive() {
        return hi <= 0;
    }

    public boolean contains(double v) {
        return lo <= v && v <= hi;
    }

    Interval add(Interval o) {
        return new Interval(down(lo + o.lo), up(hi + o.hi));
    }

    Interval negate() {
        return new Interval(-hi, -lo);
    }

    Interval multiply(Interval o) {
        double a = times(lo, o.lo);
        double b = times(lo, o.hi);
        double c = times(hi, o.lo);
        double d = times(hi, o.hi);
        return new Interval(
                down(Math.min(Math.min(a, b), Math.min(c, d))), up(Math.max(Math.max(a, b), Math.max(c, d))));
    }

    /** 0 * inf is 0 here: the bounds are limits of finite values, whose products with 0 vanish. */
    private static double times(double x, double y) {
        return x == 0 || y == 0 ? 0 : x * y;
    }

    Interval reciprocal() {
        if (lo > 0 || hi < 0) {
            return new Interval(down(1 / hi), up(1 / lo));
        }
        if (lo == 0 && hi > 0) {
            return new Interval(down(1 / hi), Double.POSITIVE_INFINITY);
        }
        if (hi == 0 && lo < 0) {
            return new Interval(Double.NEGATIVE_INFINITY, up(1 / lo));
        }
        return ALL;
    }

    Interval abs() {
        if (lo >= 0) {
            return this;
        }
        if (hi <= 0) {
            return negate();
        }
        return new Interval(0, Math.max(-lo, hi));
    }

    /** This interval to an integer power. */
    Interval pow(int n) {
        if (n == 0) {
            return point(1);
        }
        if (n < 0) {
            return pow(-n).reciprocal();
        }
        Interval base = n % 2 == 0 ? abs() : this;
        return new Interval(down(Math.pow(base.lo, n)), up(Math.pow(base.hi, n)));
    }

    /** This interval, assumed nonnegative, to a real power (fractional powers are defined for x &gt;= 0 only). */
    Interval powReal(double e) {
        Interval base = new Interval(Math.max(lo, 0), Math.max(hi, 0));
        double a = Math.pow(base.lo, e);
        double b = Math.pow(base.hi, e);
        return new Interval(down(Math.min(a, b)), up(Math.max(a, b)));
    }

    /** The image under a nondecreasing function. */
    Interval increasing(java.util.function.DoubleUnaryOperator f) {
        return new Interval(down(f.applyAsDouble(lo)), up(f.applyAsDouble(hi)));
    }

    /** The image under a nonincreasing function. */
    Interval decreasing(java.util.function.DoubleUnaryOperator f) {
        return new Interval(down(f.applyAsDouble(hi)), up(f.applyAsDouble(lo)));
    }

    Interval hull(Interval o) {
        return new Interval(Math.min(lo, o.lo), Math.max(hi, o.hi));
    }

    Interval intersect(Interval o) {
        return new Interval(Math.max(lo, o.lo), Math.min(hi, o.hi));
    }

    /**
     * Outward rounding by one ulp keeps the enclosure rigorous in floating point; a lower bound that overflowed to +inf
     * is really at most the largest double (exp(800) is finite), and likewise for an upper bound at -inf.
     */
    private static double down(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return Double.MAX_VALUE;
        }
        return Double.isInfinite(v) || v == 0 ? v : Math.nextDown(v);
    }

    private static double up(double v) {
        if (v == Double.NEGATIVE_INFINITY) {
            return -Double.MAX_VALUE;
        }
        return Double.isInfinite(v) || v == 0 ? v : Math.nextUp(v);
    }

    @Override
    public String toString() {
        return "[" + lo + ", " + hi + "]";
    }
}

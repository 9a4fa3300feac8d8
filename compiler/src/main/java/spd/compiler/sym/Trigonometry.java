package spd.compiler.sym;

/**
 * Interval enclosures of sin, cos and tan: the images of the end points, widened to 1 or -1 when the interval contains
 * a maximum or minimum of the function, and to everything when it contains a pole of tan. Periods are located with a
 * margin of a few ulps of the end points, so that rounding in the reduction can only widen the enclosure.
 */
final class Trigonometry {
    private static final double TWO_PI = 2 * Math.PI;
    /** Beyond this magnitude, the double spacing exceeds a quarter period: every value is possible. */
    private static final double LARGE = 1e15;

    private Trigonometry() {}

    static Interval sine(Interval x) {
        // sin(x) = cos(x - pi/2)
        return cosine(new Interval(x.lo() - Math.PI / 2, x.hi() - Math.PI / 2));
    }

    static Interval cosine(Interval x) {
        if (!bounded(x) || x.hi() - x.lo() >= TWO_PI) {
            return new Interval(-1, 1);
        }
        double lo = Math.min(Math.cos(x.lo()), Math.cos(x.hi()));
        double hi = Math.max(Math.cos(x.lo()), Math.cos(x.hi()));
        // cos has its maxima at 2k pi and minima at (2k + 1) pi.
        if (containsMultiple(x, 0, TWO_PI)) {
            hi = 1;
        }
        if (containsMultiple(x, Math.PI, TWO_PI)) {
            lo = -1;
        }
        return new Interval(Math.max(-1, Math.nextDown(lo)), Math.min(1, Math.nextUp(hi)));
    }

    static Interval tangent(Interval x) {
        if (!bounded(x) || x.hi() - x.lo() >= Math.PI || containsMultiple(x, Math.PI / 2, Math.PI)) {
            return Interval.ALL;
        }
        return x.increasing(Math::tan);
    }

    private static boolean bounded(Interval x) {
        return Math.abs(x.lo()) < LARGE && Math.abs(x.hi()) < LARGE;
    }

    /** Whether [lo, hi] (widened slightly) contains offset + k period for some integer k. */
    private static boolean containsMultiple(Interval x, double offset, double period) {
        double margin = 4 * Math.ulp(Math.max(Math.abs(x.lo()), Math.abs(x.hi())) + TWO_PI);
        double k = Math.ceil((x.lo() - margin - offset) / period);
        return offset + k * period <= x.hi() + margin;
    }
}

package spd.compiler.numeric;

import java.util.function.DoubleUnaryOperator;

/**
 * Double-exponential changes of variables (Takahasi–Mori) that turn an integral with integrable endpoint
 * singularities, or over [a, ∞), into an integral over a finite s-range of a function decaying double
 * exponentially at both ends, which the adaptive Gauss–Kronrod rule then integrates with a reliable error
 * estimate.
 *
 * <p>The s-range is cut where the distance to the endpoint reaches the floating-point limit. The mass beyond a
 * cut is estimated from the integrand's local power law there (f ~ d^r at distance d gives a tail of
 * d f(d) / (r + 1)) and added to the error; a power r ≤ -1 means the integral diverges.
 */
final class DoubleExponential {

    /** Smallest endpoint distance, relative to the interval, at which the integrand is evaluated. */
    private static final double TINY = 0x1p-900;
    /** Largest distance from a at which an integrand over [a, ∞) is evaluated (its square still fits a double). */
    private static final double HUGE = 0x1p300;
    /** Ratio of the two distances used to measure the local power law at a cut. */
    private static final double PROBE_RATIO = 0x1p20;
    /** Powers r with r + 1 at or below this are treated as non-integrable. */
    private static final double DIVERGENCE_MARGIN = 1e-6;

    private static final int INITIAL_PANELS = 8;
    private static final String FINITE_HINT =
            "if an endpoint singularity is not at 0, shift the variable so that it is";
    private static final String INFINITE_HINT = "the integrand decays too slowly at infinity or is too singular at a";

    private DoubleExponential() {}

    /** The integral over the finite interval [a, b], a < b, by the tanh-sinh substitution. */
    static Integral finite(DoubleUnaryOperator f, double a, double b, Tolerance tolerance) {
        double length = b - a;
        double minimumCut = 0.25 * length;
        Tail left = tail(f, a, Math.max(TINY * length, 4 * Math.ulp(a)), +1, minimumCut, "a = " + a);
        Tail right = tail(f, b, Math.max(TINY * length, 4 * Math.ulp(b)), -1, minimumCut, "b = " + b);
        if (left.failure != null || right.failure != null) {
            return left.failure != null ? left.failure : right.failure;
        }
        if (left.cut + right.cut >= 0.5 * length) {
            // An interval a few ulps wide has no room for endpoint behaviour: integrate it directly.
            return AdaptiveGaussKronrod.integrate(f, a, b, 1, tolerance, t -> t);
        }
        // t = a + L σ(x), x = π sinh s; σ(x) = d/L at the cuts.
        double sLow = asinh(logit(left.cut / length) / Math.PI);
        double sHigh = asinh(-logit(right.cut / length) / Math.PI);
        DoubleUnaryOperator point = s -> tanhSinhPoint(a, b, s);
        DoubleUnaryOperator transformed = s -> {
            double x = Math.PI * Math.sinh(s);
            double e = Math.exp(-Math.abs(x));
            double jacobian = length * e / ((1 + e) * (1 + e)) * Math.PI * Math.cosh(s);
            return jacobian == 0 ? 0 : f.applyAsDouble(tanhSinhPoint(a, b, s)) * jacobian;
        };
        double tails = left.mass + right.mass;
        Integral body = AdaptiveGaussKronrod.integrate(
                transformed, sLow, sHigh, INITIAL_PANELS, atLeast(tolerance, tails), point);
        return withTails(body, tails, tolerance, FINITE_HINT);
    }

    /** The integral over [a, ∞) by the exp-sinh substitution t = a + exp(π/2 sinh s). */
    static Integral toInfinity(DoubleUnaryOperator f, double a, Tolerance tolerance) {
        Tail left = tail(f, a, Math.max(TINY, 4 * Math.ulp(a)), +1, 1, "a = " + a);
        if (left.failure != null) {
            return left.failure;
        }
        Tail right = infiniteTail(f, a);
        if (right.failure != null) {
            return right.failure;
        }
        double sLow = asinh(2 * Math.log(left.cut) / Math.PI);
        double sHigh = asinh(2 * Math.log(right.cut) / Math.PI);
        DoubleUnaryOperator point = s -> a + Math.exp(0.5 * Math.PI * Math.sinh(s));
        DoubleUnaryOperator transformed = s -> {
            double distance = Math.exp(0.5 * Math.PI * Math.sinh(s));
            double jacobian = distance * 0.5 * Math.PI * Math.cosh(s);
            return jacobian == 0 ? 0 : f.applyAsDouble(a + distance) * jacobian;
        };
        double tails = left.mass + right.mass;
        Integral body = AdaptiveGaussKronrod.integrate(
                transformed, sLow, sHigh, INITIAL_PANELS, atLeast(tolerance, tails), point);
        return withTails(body, tails, tolerance, INFINITE_HINT);
    }

    /** The tolerance for the body: never finer than the tails' own uncertainty, which no effort can reduce. */
    private static Tolerance atLeast(Tolerance tolerance, double tails) {
        return tails <= tolerance.absolute()
                ? tolerance
                : new Tolerance(tails, tolerance.relative(), tolerance.maxEvaluations());
    }

    /** The abscissa t for s, computed from the nearer endpoint so that distances to it stay exact. */
    private static double tanhSinhPoint(double a, double b, double s) {
        double x = Math.PI * Math.sinh(s);
        double length = b - a;
        return x < 0 ? a + length * sigmoid(x) : b - length * sigmoid(-x);
    }

    private static double asinh(double x) {
        double magnitude = Math.abs(x);
        return Math.copySign(Math.log(magnitude + Math.sqrt(magnitude * magnitude + 1)), x);
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double logit(double p) {
        return Math.log(p) - Math.log1p(-p);
    }

    /**
     * Where the s-range is cut (as a distance from the endpoint) and the estimated mass beyond the cut, or the
     * result to return because the integrand misbehaves there.
     */
    private record Tail(double cut, double mass, Integral failure) {
        static Tail of(double cut, double mass) {
            return new Tail(cut, mass, null);
        }

        static Tail failed(Integral failure) {
            return new Tail(0, 0, failure);
        }
    }

    /**
     * The mass within the cut of a finite endpoint, from the power law of f measured at distances cut and
     * cut·PROBE_RATIO on the side given by {@code direction} (+1: to the right of the endpoint). Where f overflows
     * or is NaN at the first cut (a steep singularity, or an integrand whose pieces underflow), the cut moves
     * inward until f is finite, at most to {@code maximumCut}.
     */
    private static Tail tail(
            DoubleUnaryOperator f, double endpoint, double firstCut, int direction, double maximumCut, String name) {
        double cut = firstCut;
        double near = f.applyAsDouble(endpoint + direction * cut);
        double far = f.applyAsDouble(endpoint + direction * cut * PROBE_RATIO);
        while (!(Double.isFinite(near) && Double.isFinite(far)) && cut * PROBE_RATIO * PROBE_RATIO <= maximumCut) {
            cut *= PROBE_RATIO;
            near = far;
            far = f.applyAsDouble(endpoint + direction * cut * PROBE_RATIO);
        }
        if (!Double.isFinite(near) || !Double.isFinite(far)) {
            double bad = Double.isFinite(near) ? far : near;
            double at = endpoint + direction * (Double.isFinite(near) ? cut * PROBE_RATIO : cut);
            return Tail.failed(new Integral(
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    2,
                    Outcome.NON_FINITE,
                    "the integrand is " + bad + " at t = " + at + ", next to the endpoint " + name));
        }
        if (near == 0 || far == 0) {
            return Tail.of(cut, cut * Math.abs(near));
        }
        double power = Math.log(Math.abs(far / near)) / Math.log(PROBE_RATIO);
        if (power + 1 <= DIVERGENCE_MARGIN) {
            return Tail.failed(new Integral(
                    Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY,
                    2,
                    Outcome.DIVERGENT,
                    String.format(
                            "the integral diverges at %s: the integrand grows like |t - endpoint|^%.3g there",
                            name, power)));
        }
        return Tail.of(cut, cut * Math.abs(near) / (power + 1));
    }

    /**
     * The mass beyond a + cut, from the power law of f measured at the cut and at cut / PROBE_RATIO. The cut starts
     * at HUGE and moves inward while f is not finite there (an integrand whose pieces overflow).
     */
    private static Tail infiniteTail(DoubleUnaryOperator f, double a) {
        double cut = HUGE;
        double far = f.applyAsDouble(a + cut);
        double nearer = f.applyAsDouble(a + cut / PROBE_RATIO);
        while (!(Double.isFinite(far) && Double.isFinite(nearer)) && cut / (PROBE_RATIO * PROBE_RATIO) >= 0x1p40) {
            cut /= PROBE_RATIO;
            far = nearer;
            nearer = f.applyAsDouble(a + cut / PROBE_RATIO);
        }
        if (!Double.isFinite(far) || !Double.isFinite(nearer)) {
            double bad = Double.isFinite(far) ? nearer : far;
            double at = a + (Double.isFinite(far) ? cut / PROBE_RATIO : cut);
            return Tail.failed(new Integral(
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    2,
                    Outcome.NON_FINITE,
                    "the integrand is " + bad + " at t = " + at + " (integrating to infinity)"));
        }
        if (far == 0 || nearer == 0) {
            return Tail.of(cut, cut * Math.abs(far));
        }
        double decay = -Math.log(Math.abs(far / nearer)) / Math.log(PROBE_RATIO);
        if (decay - 1 <= DIVERGENCE_MARGIN) {
            return Tail.failed(new Integral(
                    Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY,
                    2,
                    Outcome.DIVERGENT,
                    String.format("the integral diverges at infinity: the integrand decays only like t^%.3g", -decay)));
        }
        return Tail.of(cut, cut * Math.abs(far) / (decay - 1));
    }

    /** Adds the tail masses to the error, and re-judges convergence. */
    private static Integral withTails(Integral body, double tails, Tolerance tolerance, String hint) {
        int evaluations = body.evaluations() + 4;
        if (body.outcome() != Outcome.CONVERGED && body.outcome() != Outcome.TOLERANCE_NOT_MET) {
            return new Integral(body.value(), body.errorEstimate(), evaluations, body.outcome(), body.message());
        }
        double error = body.errorEstimate() + tails;
        if (tolerance.accepts(body.value(), error)) {
            return new Integral(body.value(), error, evaluations, Outcome.CONVERGED, "");
        }
        String why = body.converged()
                ? String.format(
                        "tolerance not reached: the mass beyond the floating-point limits of the range "
                                + "(estimated %.2g) is too large; %s",
                        tails, hint)
                : body.message();
        return new Integral(body.value(), error, evaluations, Outcome.TOLERANCE_NOT_MET, why);
    }
}

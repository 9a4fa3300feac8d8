package spd.compiler.numeric;

import java.util.function.DoubleUnaryOperator;

/**
 * Root finding for continuous functions: Brent's method on a sign-changing bracket, and a search on (0, ∞) that
 * first expands a bracket geometrically (on a log scale) from a guess and then runs Brent's method in ln x, so
 * that roots anywhere from 1e-300 to 1e300 are found to a relative tolerance.
 */
public final class Roots {

    private static final double EPS = Math.ulp(1.0);
    /** The log-scale search range: |ln x| up to this (x between about 1e-300 and 1e300). */
    private static final double MAX_LOG = 690;

    private Roots() {}

    /**
     * A root of f in [a, b], where f(a) and f(b) have opposite signs (or one is 0), to within
     * {@code tolerance.allowedError(x)} in x.
     */
    public static Root brent(DoubleUnaryOperator f, double a, double b, Tolerance tolerance) {
        double fa = f.applyAsDouble(a);
        double fb = f.applyAsDouble(b);
        return brent(f, a, fa, b, fb, 2, x -> tolerance.allowedError(x), tolerance.maxEvaluations());
    }

    /**
     * A root of f on (0, ∞) near {@code guess}: the bracket grows from [guess/step, guess·step] by doubling the
     * log-width until f changes sign, then Brent's method runs in ln x. The tolerance is relative on x (its
     * absolute part is ignored: on a log scale only relative accuracy is meaningful). {@code step} &gt; 1; a step
     * close to 1 suits a good guess (a warm start), 2 or 10 a rough one.
     */
    public static Root onPositiveAxis(DoubleUnaryOperator f, double guess, double step, Tolerance tolerance) {
        if (!(guess > 0) || !Double.isFinite(guess) || !(step > 1)) {
            throw new IllegalArgumentException(
                    "need a positive finite guess and a step > 1, got " + guess + ", " + step);
        }
        DoubleUnaryOperator inLog = u -> f.applyAsDouble(Math.exp(u));
        Bracket bracket = expand(inLog, Math.log(guess), Math.log(step));
        if (bracket.failure != null) {
            return bracket.failure;
        }
        double relative = Math.max(tolerance.relative(), 4 * EPS);
        Root inU = brent(
                inLog,
                bracket.lower,
                bracket.fLower,
                bracket.upper,
                bracket.fUpper,
                bracket.evaluations,
                u -> relative,
                tolerance.maxEvaluations());
        return new Root(
                Math.exp(inU.x()),
                Math.exp(inU.lower()),
                Math.exp(inU.upper()),
                inU.evaluations(),
                inU.outcome(),
                inU.message());
    }

    /** {@link #onPositiveAxis(DoubleUnaryOperator, double, double, Tolerance)} with step 2. */
    public static Root onPositiveAxis(DoubleUnaryOperator f, double guess, Tolerance tolerance) {
        return onPositiveAxis(f, guess, 2, tolerance);
    }

    /** A sign-changing bracket in ln x, or the failed root to return. */
    private record Bracket(double lower, double fLower, double upper, double fUpper, int evaluations, Root failure) {}

    /**
     * Expands outward from u0 on both sides, doubling the distance each time, until f changes sign between
     * consecutive points on one side (the side nearer u0 wins when both do at once).
     */
    private static Bracket expand(DoubleUnaryOperator g, double u0, double step) {
        double f0 = g.applyAsDouble(u0);
        int evaluations = 1;
        if (f0 == 0) {
            return new Bracket(u0, 0, u0, 0, evaluations, null);
        }
        if (!Double.isFinite(f0)) {
            return failed(
                    u0, evaluations, Outcome.NON_FINITE, "the function is " + f0 + " at the guess " + Math.exp(u0));
        }
        double upInner = u0;
        double fUpInner = f0;
        double downInner = u0;
        double fDownInner = f0;
        boolean upOpen = true;
        boolean downOpen = true;
        for (double distance = step; upOpen || downOpen; distance *= 2) {
            if (upOpen) {
                double u = Math.min(u0 + distance, MAX_LOG);
                double value = g.applyAsDouble(u);
                evaluations++;
                if (Double.isFinite(value) && (value == 0 || (value < 0) != (fUpInner < 0))) {
                    return new Bracket(upInner, fUpInner, u, value, evaluations, null);
                }
                upOpen = Double.isFinite(value) && u < MAX_LOG;
                upInner = upOpen ? u : upInner;
                fUpInner = upOpen ? value : fUpInner;
            }
            if (downOpen) {
                double u = Math.max(u0 - distance, -MAX_LOG);
                double value = g.applyAsDouble(u);
                evaluations++;
                if (Double.isFinite(value) && (value == 0 || (value < 0) != (fDownInner < 0))) {
                    return new Bracket(u, value, downInner, fDownInner, evaluations, null);
                }
                downOpen = Double.isFinite(value) && u > -MAX_LOG;
                downInner = downOpen ? u : downInner;
                fDownInner = downOpen ? value : fDownInner;
            }
        }
        return failed(
                u0,
                evaluations,
                Outcome.NO_SOLUTION,
                String.format(
                        "no sign change found on [%.3g, %.3g] (the function keeps the sign of its value %.3g at the guess)",
                        Math.exp(downInner), Math.exp(upInner), f0));
    }

    private static Bracket failed(double u, int evaluations, Outcome outcome, String message) {
        return new Bracket(
                u,
                Double.NaN,
                u,
                Double.NaN,
                evaluations,
                new Root(Math.exp(u), Math.exp(u), Math.exp(u), evaluations, outcome, message));
    }

    /**
     * Brent's method (1973): keeps a bracket [b, c] with f(b) f(c) ≤ 0, |f(b)| ≤ |f(c)|, and tries inverse
     * quadratic interpolation or the secant step, falling back to bisection whenever the interpolated step is not
     * safely inside the bracket or the bracket is not shrinking fast enough.
     */
    private static Root brent(
            DoubleUnaryOperator f,
            double a,
            double fa,
            double b,
            double fb,
            int evaluations,
            DoubleUnaryOperator allowedError,
            int maxEvaluations) {
        if (!Double.isFinite(fa) || !Double.isFinite(fb)) {
            double at = Double.isFinite(fa) ? b : a;
            return new Root(
                    at,
                    at,
                    at,
                    evaluations,
                    Outcome.NON_FINITE,
                    "the function is " + (Double.isFinite(fa) ? fb : fa) + " at the bracket end " + at);
        }
        if (fa == 0 || fb == 0) {
            double root = fa == 0 ? a : b;
            return new Root(root, root, root, evaluations, Outcome.CONVERGED, "");
        }
        if ((fa < 0) == (fb < 0)) {
            return new Root(
                    Math.abs(fa) < Math.abs(fb) ? a : b,
                    Math.min(a, b),
                    Math.max(a, b),
                    evaluations,
                    Outcome.NO_SOLUTION,
                    "f has the same sign at both ends of [" + Math.min(a, b) + ", " + Math.max(a, b) + "]: " + fa
                            + " and " + fb);
        }
        double c = a;
        double fc = fa;
        double d = b - a;
        double e = d;
        while (true) {
            Deadline.check();
            if ((fb < 0) == (fc < 0)) {
                c = a;
                fc = fa;
                d = b - a;
                e = d;
            }
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tol = 2 * EPS * Math.abs(b) + 0.5 * allowedError.applyAsDouble(b);
            double half = 0.5 * (c - b);
            if (fb == 0) {
                return new Root(b, b, b, evaluations, Outcome.CONVERGED, ""); // an exact zero needs no bracket
            }
            if (Math.abs(half) <= tol) {
                return new Root(b, Math.min(b, c), Math.max(b, c), evaluations, Outcome.CONVERGED, "");
            }
            if (evaluations >= maxEvaluations) {
                return new Root(
                        b,
                        Math.min(b, c),
                        Math.max(b, c),
                        evaluations,
                        Outcome.TOLERANCE_NOT_MET,
                        "the evaluation budget of " + maxEvaluations + " is spent");
            }
            if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
                double s = fb / fa;
                double p;
                double q;
                if (a == c) {
                    p = 2 * half * s; // secant
                    q = 1 - s;
                } else {
                    double r = fb / fc; // inverse quadratic interpolation through a, b, c
                    double t = fa / fc;
                    p = s * (2 * half * t * (t - r) - (b - a) * (r - 1));
                    q = (t - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) {
                    q = -q;
                } else {
                    p = -p;
                }
                if (2 * p < Math.min(3 * half * q - Math.abs(tol * q), Math.abs(e * q))) {
                    e = d;
                    d = p / q;
                } else {
                    d = half;
                    e = d;
                }
            } else {
                d = half;
                e = d;
            }
            a = b;
            fa = fb;
            b += Math.abs(d) > tol ? d : Math.copySign(tol, half);
            fb = f.applyAsDouble(b);
            evaluations++;
            if (!Double.isFinite(fb)) {
                return new Root(
                        b,
                        Math.min(a, c),
                        Math.max(a, c),
                        evaluations,
                        Outcome.NON_FINITE,
                        "the function is " + fb + " at " + b + ", inside the bracket");
            }
        }
    }
}

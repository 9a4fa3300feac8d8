package spd.compiler.numeric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import spd.compiler.numeric.Maximum.Location;

/**
 * Maximisation of a function of one variable: Brent's method (golden section with parabolic steps) on a
 * bracket, and a global search for functions that may have several local maxima, which evaluates a grid,
 * refines the best few grid maxima with Brent's method and keeps the best.
 *
 * <p>The global search finds every maximum whose basin is wider than the grid spacing; a narrower spike
 * between grid points can be missed, so the grid should resolve the function's features.
 */
public final class Maximize {

    private static final double GOLDEN = 0.5 * (3 - Math.sqrt(5));
    private static final double SQRT_EPS = Math.sqrt(Math.ulp(1.0));
    /** How many of the best grid maxima the global search refines. */
    private static final int REFINED_CANDIDATES = 4;

    /** How the global search spaces its grid. */
    public enum Scale {
        /** Equally spaced points. */
        LINEAR,
        /** Points equally spaced in ln x (the range must be positive); suits quantities spanning decades. */
        LOGARITHMIC
    }

    private Maximize() {}

    /**
     * The maximum of f on [a, b] by Brent's method, assuming f is unimodal there (otherwise a local maximum).
     * The tolerance applies to x; Brent's method cannot locate a smooth maximum better than about 1.5e-8
     * relative, which changes the value only at second order.
     */
    public static Maximum brent(DoubleUnaryOperator f, double a, double b, Tolerance tolerance) {
        if (!(a < b) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("need a finite interval a < b, got [" + a + ", " + b + "]");
        }
        return Brent.run(f, a, b, x -> tolerance.allowedError(x), tolerance.maxEvaluations());
    }

    /**
     * The global maximum of f on [a, b]: f on {@code gridPoints} points spaced by {@code scale}, then Brent's
     * method around the best few grid maxima. If f is NaN or +∞ somewhere on the grid the result says so.
     */
    public static Maximum global(
            DoubleUnaryOperator f, double a, double b, int gridPoints, Scale scale, Tolerance tolerance) {
        if (!(a < b) || !Double.isFinite(a) || !Double.isFinite(b) || gridPoints < 3) {
            throw new IllegalArgumentException("need a finite interval a < b and at least 3 grid points");
        }
        if (scale == Scale.LOGARITHMIC && !(a > 0)) {
            throw new IllegalArgumentException("a logarithmic grid needs a positive range, got [" + a + ", " + b + "]");
        }
        double[] x = grid(a, b, gridPoints, scale);
        double[] y = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        Maximum best = overGrid(f, x, y, tolerance);
        return new Maximum(
                best.x(),
                best.value(),
                best.xError(),
                best.valueError(),
                best.location(),
                best.evaluations() + gridPoints,
                best.outcome(),
                best.message());
    }

    /**
     * The global maximum of f from its values y at the increasing points x (computed by the caller, perhaps more
     * cheaply than by calling f): Brent's method on [x[i-1], x[i+1]] around the best few local maxima of y, the
     * best result kept. The location says whether the maximum is at x[0] or x[last], where the supremum may lie
     * beyond. NaN or +∞ among the y ends the search with {@link Outcome#NON_FINITE} or {@link Outcome#DIVERGENT}.
     */
    public static Maximum overGrid(DoubleUnaryOperator f, double[] x, double[] y, Tolerance tolerance) {
        int n = x.length;
        if (n < 3 || y.length != n) {
            throw new IllegalArgumentException("need at least 3 grid points with one value each");
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(y[i]) || y[i] == Double.POSITIVE_INFINITY) {
                Outcome outcome = y[i] == Double.POSITIVE_INFINITY ? Outcome.DIVERGENT : Outcome.NON_FINITE;
                return new Maximum(
                        x[i],
                        y[i],
                        0,
                        Double.POSITIVE_INFINITY,
                        Location.of(i, n),
                        0,
                        outcome,
                        "the function is " + y[i] + " at x = " + x[i]);
            }
        }
        Maximum best = null;
        int evaluations = 0;
        for (int i : bestLocalMaxima(y)) {
            double low = x[Math.max(i - 1, 0)];
            double high = x[Math.min(i + 1, n - 1)];
            Maximum refined = Brent.run(f, low, high, t -> tolerance.allowedError(t), tolerance.maxEvaluations());
            evaluations += refined.evaluations();
            // The grid point itself may beat a refinement that wandered off a kinked maximum.
            if (refined.value() < y[i]) {
                refined = new Maximum(
                        x[i],
                        y[i],
                        high - low,
                        refined.valueError(),
                        refined.location(),
                        0,
                        refined.outcome(),
                        refined.message());
            }
            if (best == null || refined.value() > best.value()) {
                best = refined;
            }
        }
        Location location = best.x() - best.xError() <= x[0]
                ? Location.LOWER_END
                : best.x() + best.xError() >= x[n - 1] ? Location.UPPER_END : Location.INTERIOR;
        return new Maximum(
                best.x(),
                best.value(),
                best.xError(),
                best.valueError(),
                location,
                evaluations,
                best.outcome(),
                best.message());
    }

    private static double[] grid(double a, double b, int n, Scale scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double fraction = (double) i / (n - 1);
            x[i] = switch (scale) {
                case LINEAR -> a + fraction * (b - a);
                case LOGARITHMIC -> Math.exp(Math.log(a) + fraction * (Math.log(b) - Math.log(a)));
            };
        }
        x[0] = a;
        x[n - 1] = b;
        return x;
    }

    /** Indices of grid points that are local maxima (ends included), best first, at most REFINED_CANDIDATES. */
    private static List<Integer> bestLocalMaxima(double[] y) {
        List<Integer> maxima = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            boolean notBelowLeft = i == 0 || y[i] >= y[i - 1];
            boolean notBelowRight = i == y.length - 1 || y[i] >= y[i + 1];
            if (notBelowLeft && notBelowRight) {
                maxima.add(i);
            }
        }
        maxima.sort(Comparator.comparingDouble((Integer i) -> y[i]).reversed());
        return maxima.subList(0, Math.min(REFINED_CANDIDATES, maxima.size()));
    }

    /** Brent's (1973) minimiser of -f: golden-section steps, replaced by parabolic ones when they are safe. */
    private static final class Brent {
        private Brent() {}

        static Maximum run(
                DoubleUnaryOperator f, double a, double b, DoubleUnaryOperator allowedError, int maxEvaluations) {
            DoubleUnaryOperator g = t -> -f.applyAsDouble(t);
            double lower = a;
            double upper = b;
            double x = lower + GOLDEN * (upper - lower);
            double w = x;
            double v = x;
            double gx = g.applyAsDouble(x);
            double gw = gx;
            double gv = gx;
            int evaluations = 1;
            double d = 0;
            double e = 0;
            while (true) {
                Deadline.check();
                if (Double.isNaN(gx)) {
                    return new Maximum(
                            x,
                            Double.NaN,
                            upper - lower,
                            Double.POSITIVE_INFINITY,
                            Location.INTERIOR,
                            evaluations,
                            Outcome.NON_FINITE,
                            "the function is NaN at x = " + x);
                }
                double middle = 0.5 * (lower + upper);
                double tol = SQRT_EPS * Math.abs(x) + allowedError.applyAsDouble(x) / 3;
                double tol2 = 2 * tol;
                if (Math.abs(x - middle) <= tol2 - 0.5 * (upper - lower)) {
                    return finish(f, x, -gx, lower, upper, a, b, evaluations, Outcome.CONVERGED, "");
                }
                if (evaluations >= maxEvaluations) {
                    return finish(
                            f,
                            x,
                            -gx,
                            lower,
                            upper,
                            a,
                            b,
                            evaluations,
                            Outcome.TOLERANCE_NOT_MET,
                            "the evaluation budget of " + maxEvaluations + " is spent");
                }
                boolean golden = true;
                if (Math.abs(e) > tol) {
                    // Parabola through (v, gv), (w, gw), (x, gx).
                    double r = (x - w) * (gx - gv);
                    double q = (x - v) * (gx - gw);
                    double p = (x - v) * q - (x - w) * r;
                    q = 2 * (q - r);
                    if (q > 0) {
                        p = -p;
                    } else {
                        q = -q;
                    }
                    double previous = e;
                    e = d;
                    if (Math.abs(p) < Math.abs(0.5 * q * previous) && p > q * (lower - x) && p < q * (upper - x)) {
                        d = p / q;
                        double u = x + d;
                        if (u - lower < tol2 || upper - u < tol2) {
                            d = x < middle ? tol : -tol;
                        }
                        golden = false;
                    }
                }
                if (golden) {
                    e = (x < middle ? upper : lower) - x;
                    d = GOLDEN * e;
                }
                double u = Math.abs(d) >= tol ? x + d : x + Math.copySign(tol, d);
                double gu = g.applyAsDouble(u);
                evaluations++;
                if (Double.isNaN(gu)) {
                    return new Maximum(
                            u,
                            Double.NaN,
                            upper - lower,
                            Double.POSITIVE_INFINITY,
                            Location.INTERIOR,
                            evaluations,
                            Outcome.NON_FINITE,
                            "the function is NaN at x = " + u);
                }
                if (gu <= gx) {
                    if (u < x) {
                        upper = x;
                    } else {
                        lower = x;
                    }
                    v = w;
                    gv = gw;
                    w = x;
                    gw = gx;
                    x = u;
                    gx = gu;
                } else {
                    if (u < x) {
                        lower = u;
                    } else {
                        upper = u;
                    }
                    if (gu <= gw || w == x) {
                        v = w;
                        gv = gw;
                        w = u;
                        gw = gu;
                    } else if (gu <= gv || v == x || v == w) {
                        v = u;
                        gv = gu;
                    }
                }
            }
        }

        /**
         * The final maximum. Its value error is the larger change of f over the last bracket's half-widths, which
         * bounds how much higher f can be inside the bracket when f is smooth there. Because Brent never evaluates
         * the ends of its interval, f is compared with its values at the ends to place the maximum there if higher.
         */
        private static Maximum finish(
                DoubleUnaryOperator f,
                double x,
                double fx,
                double lower,
                double upper,
                double a,
                double b,
                int evaluations,
                Outcome outcome,
                String message) {
            double halfWidth = Math.max(x - lower, upper - x);
            double left = f.applyAsDouble(Math.max(a, x - halfWidth));
            double right = f.applyAsDouble(Math.min(b, x + halfWidth));
            double valueError = Math.max(Math.abs(fx - left), Math.abs(fx - right));
            Location location = Location.INTERIOR;
            double bestX = x;
            double bestValue = fx;
            if (x - halfWidth <= a && left > bestValue) {
                bestX = a;
                bestValue = left;
                location = Location.LOWER_END;
            } else if (x + halfWidth >= b && right > bestValue) {
                bestX = b;
                bestValue = right;
                location = Location.UPPER_END;
            }
            return new Maximum(bestX, bestValue, halfWidth, valueError, location, evaluations + 2, outcome, message);
        }
    }
}

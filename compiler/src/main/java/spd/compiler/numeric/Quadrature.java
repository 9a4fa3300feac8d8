package spd.compiler.numeric;

import java.util.function.DoubleUnaryOperator;

/**
 * Numerical integration with certified error estimates: adaptive Gauss–Kronrod (G7–K15), used alone for smooth
 * integrands and behind a double-exponential substitution for endpoint singularities and infinite ranges.
 *
 * <p>Every result reports its estimated error, the evaluations spent and whether the tolerance was met. A NaN or
 * infinite integrand value ends the integration with {@link Outcome#NON_FINITE} and the offending point; a
 * non-integrable endpoint singularity ends it with {@link Outcome#DIVERGENT}. Nothing is random.
 */
public final class Quadrature {
    private Quadrature() {}

    /** The integral over [a, b] to the default tolerance; see {@link #integrate(DoubleUnaryOperator, double, double, Tolerance)}. */
    public static Integral integrate(DoubleUnaryOperator f, double a, double b) {
        return integrate(f, a, b, Tolerance.DEFAULT);
    }

    /**
     * The integral of f over the finite interval [a, b] (b < a gives minus the integral over [b, a]), robust to
     * integrable endpoint singularities such as t^(p-1), 0 < p < 1, at either end. f is evaluated only strictly
     * inside the interval. An endpoint singularity is resolved fully only when that endpoint is 0 (or the
     * singularity is mild); elsewhere the floating-point spacing near the endpoint limits the accuracy, and the
     * result says so.
     */
    public static Integral integrate(DoubleUnaryOperator f, double a, double b, Tolerance tolerance) {
        requireFinite(a, b);
        if (a == b) {
            return new Integral(0, 0, 0, Outcome.CONVERGED, "");
        }
        return a < b
                ? DoubleExponential.finite(f, a, b, tolerance)
                : DoubleExponential.finite(f, b, a, tolerance).negated();
    }

    /** The integral over [a, ∞) to the default tolerance. */
    public static Integral integrateToInfinity(DoubleUnaryOperator f, double a) {
        return integrateToInfinity(f, a, Tolerance.DEFAULT);
    }

    /**
     * The integral of f over [a, ∞), for integrands decaying at least like t^(-1-δ), also robust to an integrable
     * singularity at a. f is evaluated for t - a up to 2^300; a slowly decaying tail beyond that is estimated from
     * the integrand's power law and counted in the error.
     */
    public static Integral integrateToInfinity(DoubleUnaryOperator f, double a, Tolerance tolerance) {
        requireFinite(a, 0);
        return DoubleExponential.toInfinity(f, a, tolerance);
    }

    /**
     * The integral over [a, b] of an integrand that is smooth (analytic, or at least many times differentiable)
     * on the closed interval: plain adaptive Gauss–Kronrod, several times cheaper than {@link #integrate} for such
     * integrands. f is evaluated only strictly inside the interval.
     */
    public static Integral integrateSmooth(DoubleUnaryOperator f, double a, double b, Tolerance tolerance) {
        requireFinite(a, b);
        if (a == b) {
            return new Integral(0, 0, 0, Outcome.CONVERGED, "");
        }
        return a < b
                ? AdaptiveGaussKronrod.integrate(f, a, b, 1, tolerance, t -> t)
                : AdaptiveGaussKronrod.integrate(f, b, a, 1, tolerance, t -> t).negated();
    }

    /**
     * The integral over [points[0], points[last]] as a sum of {@link #integrate} over consecutive points, so that
     * kinks, jumps and integrable singularities at known interior points become endpoints. The points must be
     * nondecreasing.
     */
    public static Integral integratePiecewise(DoubleUnaryOperator f, double[] points, Tolerance tolerance) {
        if (points.length < 2) {
            throw new IllegalArgumentException("piecewise integration needs at least two points");
        }
        double value = 0;
        double error = 0;
        int evaluations = 0;
        Integral worst = null;
        for (int i = 0; i + 1 < points.length; i++) {
            if (!(points[i] <= points[i + 1])) {
                throw new IllegalArgumentException(
                        "the points must be nondecreasing: " + points[i] + " > " + points[i + 1]);
            }
            Integral piece = integrate(f, points[i], points[i + 1], tolerance);
            value += piece.value();
            error += piece.errorEstimate();
            evaluations += piece.evaluations();
            if (worst == null || piece.outcome().compareTo(worst.outcome()) > 0) {
                worst = piece;
            }
        }
        if (worst.outcome() != Outcome.CONVERGED && worst.outcome() != Outcome.TOLERANCE_NOT_MET) {
            return new Integral(worst.value(), worst.errorEstimate(), evaluations, worst.outcome(), worst.message());
        }
        return tolerance.accepts(value, error)
                ? new Integral(value, error, evaluations, Outcome.CONVERGED, "")
                : new Integral(
                        value,
                        error,
                        evaluations,
                        Outcome.TOLERANCE_NOT_MET,
                        worst.converged() ? "tolerance not reached: the errors of the pieces add up" : worst.message());
    }

    private static void requireFinite(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("integration limits must be finite numbers, got [" + a + ", " + b
                    + "]; use integrateToInfinity for [a, ∞)");
        }
    }
}

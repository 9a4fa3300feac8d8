package spd.compiler.numeric;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import spd.compiler.numeric.BehaviourAtZero.Divergent;
import spd.compiler.numeric.BehaviourAtZero.FiniteSlope;
import spd.compiler.numeric.BehaviourAtZero.InfiniteSlope;
import spd.compiler.numeric.BehaviourAtZero.Undetermined;
import spd.compiler.numeric.Maximum.Location;

/**
 * The effective penalty of an arbitrary adaptive rule η̂, computed numerically (theory §2.2–2.3):
 * Omega(w) = ∫_0^|w| t/η̂(t) dt, its dual f(η) = sup_{w≥0} [2 Omega(w) - w²/η], and its behaviour at 0.
 *
 * <p>η̂(t) = +∞ is allowed and means a zero integrand (no shrinkage, e.g. MCP and SCAD beyond their knots). A
 * rule whose t/η̂(t) is not integrable at 0 (η̂ vanishing like t² or faster) is reported as divergent, not as a
 * number. η̂ must be positive for t &gt; 0; a value that is not is reported with the point where it occurred.
 * The probe at 0 and the dual's table of Omega are computed on first use and cached.
 */
public final class NumericPenalty {

    /** Twelve digits relative, and an absolute floor far below any penalty value that matters (for f = 0). */
    public static final Tolerance DEFAULT_TOLERANCE = new Tolerance(1e-20, 1e-12, 200_000);
    /** Probes of t/η̂(t) at t = 10^-k, k = 0 ... PROBE_DECADES. */
    private static final int PROBE_DECADES = 150;
    /** How many of the smallest decades the exponent is the median of. */
    private static final int EXPONENT_WINDOW = 5;

    private static final double DIVERGENCE_MARGIN = 1e-3;
    private static final double LIMIT_SETTLED = 1e-6;
    /** The dual's search grid in w: 10^(j/8), from 1e-12 to 1e12. */
    private static final int GRID_PER_DECADE = 8;

    private static final int GRID_DECADES = 12;

    private final DoubleUnaryOperator etaHat;
    private final Tolerance tolerance;
    private BehaviourAtZero behaviourAtZero;
    private CumulativeTable table;

    private NumericPenalty(DoubleUnaryOperator etaHat, Tolerance tolerance) {
        this.etaHat = etaHat;
        this.tolerance = tolerance;
    }

    /** The penalty of this rule, to the default tolerance. */
    public static NumericPenalty of(DoubleUnaryOperator etaHat) {
        return of(etaHat, DEFAULT_TOLERANCE);
    }

    /** The penalty of this rule, to the given tolerance. */
    public static NumericPenalty of(DoubleUnaryOperator etaHat, Tolerance tolerance) {
        return new NumericPenalty(etaHat, tolerance);
    }

    /**
     * The integrand t/η̂(t): 0 where η̂ = +∞; +∞ where η̂ underflows to 0 (t/η̂ beyond the double range); NaN (hence
     * reported) where η̂ is negative or not defined.
     */
    private double integrand(double t) {
        double eta = etaHat.applyAsDouble(t);
        if (eta == Double.POSITIVE_INFINITY) {
            return 0;
        }
        if (eta == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return eta > 0 ? t / eta : Double.NaN;
    }

    /**
     * Omega(w) = ∫_0^|w| t/η̂(t) dt, with its error; divergent when t/η̂ is not integrable at 0. For |w| = ∞ it is
     * the penalty's supremum (finite for bounded penalties such as MCP, SCAD and standout).
     */
    public Estimate omega(double w) {
        if (Double.isNaN(w)) {
            throw new IllegalArgumentException("Omega(w) needs a number w, got NaN");
        }
        if (behaviourAtZero() instanceof Divergent divergent) {
            return Estimate.divergent(divergent.reason());
        }
        if (Double.isInfinite(w)) {
            Integral integral = Quadrature.integrateToInfinity(this::integrand, 0, tolerance);
            return integral.outcome() == Outcome.DIVERGENT
                    ? Estimate.divergent("Omega is unbounded: " + integral.message())
                    : explained(integral);
        }
        Estimate omega = integral(0, Math.abs(w));
        return omega.outcome() == Outcome.NON_FINITE ? tailFailure(0, Math.abs(w), omega) : omega;
    }

    private Estimate integral(double from, double to) {
        return explained(Quadrature.integrate(this::integrand, from, to, tolerance));
    }

    /** The integral as an estimate, with a non-finite integrand explained in terms of the rule. */
    private static Estimate explained(Integral integral) {
        if (integral.outcome() == Outcome.NON_FINITE) {
            return new Estimate(
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    Outcome.NON_FINITE,
                    "eta_hat must be positive or +∞ for t > 0, but "
                            + integral.message().replace("the integrand", "t/eta_hat(t)"));
        }
        return integral.toEstimate();
    }

    /** The slope at 0, c = lim t/η̂(t) = Omega'(0+): +∞ for bridge-type rules, divergent when Omega is. */
    public Estimate slopeAtZero() {
        return switch (behaviourAtZero()) {
            case FiniteSlope slope -> Estimate.converged(slope.c(), slope.error());
            case InfiniteSlope infinite -> Estimate.converged(Double.POSITIVE_INFINITY, 0);
            case Divergent divergent -> Estimate.divergent(divergent.reason());
            case Undetermined undetermined ->
                new Estimate(Double.NaN, Double.POSITIVE_INFINITY, Outcome.NON_FINITE, undetermined.reason());
        };
    }

    /** How t/η̂(t) behaves as t → 0+ (probed once per decade down to 1e-150, then cached). */
    public synchronized BehaviourAtZero behaviourAtZero() {
        if (behaviourAtZero == null) {
            behaviourAtZero = probeAtZero();
        }
        return behaviourAtZero;
    }

    private BehaviourAtZero probeAtZero() {
        double[] t = new double[PROBE_DECADES + 1];
        double[] g = new double[PROBE_DECADES + 1];
        int valid = 0;
        for (int k = 0; k <= PROBE_DECADES; k++) {
            double at = Math.pow(10, -k);
            double value = integrand(at);
            if (!Double.isFinite(value)) {
                break; // η̂ underflowed, cancelled to 0 or failed: judge from the decades before
            }
            t[valid] = at;
            g[valid] = value;
            valid++;
        }
        if (valid < 3) {
            return new Undetermined(
                    "t/eta_hat(t) is not finite and positive at enough small t (probed t = 1, 0.1, ...)");
        }
        double last = g[valid - 1];
        double previous = g[valid - 2];
        if (last == 0) {
            return new FiniteSlope(0, previous, Double.POSITIVE_INFINITY);
        }
        double exponent = medianExponent(t, g, valid);
        if (exponent <= -1 + DIVERGENCE_MARGIN) {
            return new Divergent(
                    exponent,
                    String.format(
                            "Omega diverges: near 0, t/eta_hat(t) grows like t^%.4g "
                                    + "(eta_hat vanishes like t^%.4g, i.e. like t² or faster), so its integral from 0 is infinite",
                            exponent, 1 - exponent));
        }
        if (Math.abs(last - previous) <= LIMIT_SETTLED * Math.abs(last)) {
            return new FiniteSlope(last, Math.abs(last - previous), exponent);
        }
        return exponent < 0 ? new InfiniteSlope(exponent) : new FiniteSlope(0, Math.abs(last), exponent);
    }

    /** The median local exponent d ln g / d ln t over the last EXPONENT_WINDOW decades (robust to rounding). */
    private static double medianExponent(double[] t, double[] g, int valid) {
        int count = Math.min(EXPONENT_WINDOW, valid - 1);
        double[] exponents = new double[count];
        for (int i = 0; i < count; i++) {
            int k = valid - 1 - i;
            exponents[i] = g[k] == 0 || g[k - 1] == 0
                    ? Double.POSITIVE_INFINITY
                    : Math.log(g[k] / g[k - 1]) / Math.log(t[k] / t[k - 1]);
        }
        Arrays.sort(exponents);
        return exponents[count / 2];
    }

    /**
     * The dual f(η) = sup_{w≥0} [2 Omega(w) - w²/η]: the objective on a log grid of w from 1e-12 to 1e12 (Omega
     * accumulated once per penalty), then {@link Maximize#overGrid} around its best local maxima, and finally
     * Omega at the maximiser afresh. A supremum at the top of the grid is reported as divergent (f(η) = +∞, or a
     * maximiser beyond 1e12); one at or below the grid's first point is bounded by 2 Omega(1e-12), which becomes
     * the error.
     */
    public Estimate dual(double eta) {
        if (eta == 0) {
            return Estimate.exact(0); // f is normalised by f(0+) = 0
        }
        if (!(eta > 0)) {
            return new Estimate(
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    Outcome.NO_SOLUTION,
                    "the dual f(eta) is defined for eta >= 0 only, not at eta = " + eta);
        }
        if (behaviourAtZero() instanceof Divergent divergent) {
            return Estimate.divergent("f is infinite because Omega is: " + divergent.reason());
        }
        CumulativeTable omegas = table();
        if (omegas.valid < 3) {
            return omegas.failure;
        }
        if (omegas.failure != null && omegas.failure.outcome() == Outcome.DIVERGENT) {
            return Estimate.divergent("f(" + eta + ") is +∞: " + omegas.failure.message());
        }
        double[] w = Arrays.copyOf(omegas.w, omegas.valid);
        double[] y = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            y[j] = 2 * omegas.omega[j].value() - w[j] * w[j] / eta;
        }
        DoubleUnaryOperator objective = x -> {
            int j = Math.max(0, lowerGridIndex(w, x));
            return 2 * (omegas.omega[j].value() + integral(w[j], x).value()) - x * x / eta;
        };
        Maximum max = Maximize.overGrid(objective, w, y, new Tolerance(0, 1e-9, tolerance.maxEvaluations()));
        if (max.location() == Location.UPPER_END && omegas.failure != null) {
            return new Estimate(
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    omegas.failure.outcome(),
                    "f(" + eta + "): 2 Omega(w) -" + " w²/eta still increases at w = " + w[w.length - 1]
                            + ", beyond which " + omegas.failure.message());
        }
        if (max.location() == Location.UPPER_END) {
            return Estimate.divergent(String.format(
                    "2 Omega(w) - w²/eta still increases at w = %.0e: f(%s) is +∞ "
                            + "(Omega grows like w² or faster) or its maximiser lies beyond that",
                    w[w.length - 1], eta));
        }
        if (max.location() == Location.LOWER_END || max.value() <= 0) {
            // For w ≤ w[0] the objective lies between 0 (its limit at w = 0) and 2 Omega(w[0]).
            Estimate first = omegas.omega[0];
            double lower = Math.max(max.value(), 0);
            double upper = Math.max(2 * (first.value() + first.error()), lower);
            return Estimate.checked(
                    lower, upper - lower, tolerance, "f(" + eta + "): the maximiser lies at or below w = " + w[0]);
        }
        return dualAt(eta, max);
    }

    /** The largest j with w[j] ≤ x (-1 when x < w[0]). */
    private static int lowerGridIndex(double[] w, double x) {
        int found = Arrays.binarySearch(w, x);
        return found >= 0 ? found : -found - 2;
    }

    /**
     * f at the maximiser found: f = 2 Omega - w²/η can be much smaller than 2 Omega (cancellation), so Omega at the
     * maximiser is computed afresh, from 0 and to the relative accuracy that f needs.
     */
    private Estimate dualAt(double eta, Maximum max) {
        double w = max.x();
        double omegaGuess = 0.5 * (max.value() + w * w / eta);
        double needed = 0.25 * tolerance.relative() * Math.abs(max.value()) / Math.max(omegaGuess, Double.MIN_NORMAL);
        Tolerance omegaTolerance =
                new Tolerance(0.25 * tolerance.absolute(), Math.max(needed, 1e-15), tolerance.maxEvaluations());
        Integral omega = Quadrature.integrate(this::integrand, 0, w, omegaTolerance);
        if (omega.outcome() != Outcome.CONVERGED && omega.outcome() != Outcome.TOLERANCE_NOT_MET) {
            return omega.toEstimate();
        }
        double value = 2 * omega.value() - w * w / eta;
        double error = 2 * omega.errorEstimate() + max.valueError() + 4 * Math.ulp(2 * omega.value());
        return Estimate.checked(value, error, tolerance, "f(" + eta + ")");
    }

    /** Omega on the dual's w grid, accumulated piece by piece; built on first use. */
    private synchronized CumulativeTable table() {
        if (table == null) {
            table = CumulativeTable.build(this);
        }
        return table;
    }

    /**
     * Omega at the grid points 10^(j/8), with accumulated errors. A piece whose integral fails does not discard the
     * pieces before it: {@code valid} counts the points computed, and {@code failure} says what happened beyond (a
     * divergent tail when t/η̂ exceeds the double range there, or the point where η̂ is not a positive number).
     */
    private record CumulativeTable(double[] w, Estimate[] omega, int valid, Estimate failure) {
        static CumulativeTable build(NumericPenalty penalty) {
            int n = 2 * GRID_DECADES * GRID_PER_DECADE + 1;
            double[] w = new double[n];
            Estimate[] omega = new Estimate[n];
            Estimate running = Estimate.exact(0);
            double previous = 0;
            for (int j = 0; j < n; j++) {
                w[j] = Math.pow(10, (double) (j - GRID_DECADES * GRID_PER_DECADE) / GRID_PER_DECADE);
            }
            for (int j = 0; j < n; j++) {
                Estimate piece = penalty.integral(previous, w[j]);
                if (piece.outcome() == Outcome.NON_FINITE || piece.outcome() == Outcome.DIVERGENT) {
                    return new CumulativeTable(w, omega, j, penalty.tailFailure(previous, w[j], piece));
                }
                running = running.plus(piece);
                omega[j] = running;
                previous = w[j];
            }
            return new CumulativeTable(w, omega, n, null);
        }
    }

    /**
     * Why Omega cannot be accumulated past [a, b]: divergent when t/η̂ is +∞ somewhere there but nowhere NaN (η̂
     * underflows: Omega exceeds the double range, so the dual is +∞), else the integration's own failure.
     */
    private Estimate tailFailure(double a, double b, Estimate piece) {
        boolean infinite = false;
        for (int k = 1; k < 64; k++) {
            double value = integrand(a + (b - a) * k / 64.0);
            if (Double.isNaN(value)) {
                return piece;
            }
            infinite |= value == Double.POSITIVE_INFINITY;
        }
        return infinite || piece.outcome() == Outcome.DIVERGENT
                ? Estimate.divergent("Omega exceeds the double range beyond |w| = " + a + " (t/eta_hat(t) overflows)")
                : piece;
    }
}

package spd.compiler.numeric;

import java.util.function.DoubleUnaryOperator;

/**
 * The effective penalty of Louizos et al.'s (2018) hard-concrete L0 gates (theory §3 row 11, §7.4), computed
 * deterministically.
 *
 * <p>The gate is z = clip(sigmoid((ln u - ln(1-u) + ln a)/beta)·(zeta - gamma) + gamma, 0, 1), u ~ U(0,1). With
 * y = ln u - ln(1-u), a standard logistic variable of density sigmoid(y)·sigmoid(-y), z is 0 for y ≤ y0 and 1
 * for y ≥ y1, where y0 = beta·logit(s0) - ln a, y1 = beta·logit(s1) - ln a, s0 = -gamma/(zeta - gamma),
 * s1 = (1 - gamma)/(zeta - gamma). So P(z = 0) = sigmoid(y0), P(z = 1) = sigmoid(-y1), and the moments are
 * smooth Gauss–Kronrod integrals over [y0, y1] plus those point masses. The variance is integrated directly as
 * E[(z - E z)²], which stays accurate when it is tiny (large a).
 *
 * <p>The rule (§1.3 convention): η(a) = lambda/V(a), f(η) = P(z ≠ 0) at a = a(η), and
 * Omega(w) = ½ inf_a [w² V(a)/lambda + P(z ≠ 0)]. As a → ∞, V → 0 and P → 1, so Omega ≤ ½: the penalty
 * saturates at ½ for large |w|, where the infimum is that limit (η̂ = ∞, the gate always on).
 */
public final class HardConcrete {

    /** Louizos et al.'s stretch and temperature. */
    public static final double BETA = 2.0 / 3;

    public static final double GAMMA = -0.1;
    public static final double ZETA = 1.1;

    /** The search grid in ln a for Omega: [-LOG_A_RANGE, LOG_A_RANGE] in steps of LOG_A_STEP. */
    private static final double LOG_A_RANGE = 50;

    private static final double LOG_A_STEP = 0.25;
    /** ln a at which the slope at zero, sqrt(V·P), is taken as its a → 0 limit (corrections are O(a)). */
    private static final double SLOPE_LOG_A = -40;

    private final double beta;
    private final double gamma;
    private final double zeta;
    private final double lambda;
    private final Tolerance tolerance;
    private final double logitS0;
    private final double logitS1;
    private GridTable grid;

    /** Gates with these parameters (beta &gt; 0, gamma &lt; 0, zeta &gt; 1) and penalty weight lambda. */
    public HardConcrete(double beta, double gamma, double zeta, double lambda, Tolerance tolerance) {
        if (!(beta > 0) || !(gamma < 0) || !(zeta > 1) || !(lambda > 0)) {
            throw new IllegalArgumentException(String.format(
                    "hard-concrete gates need beta > 0, gamma < 0, zeta > 1 "
                            + "and lambda > 0; got beta = %s, gamma = %s, zeta = %s, lambda = %s",
                    beta, gamma, zeta, lambda));
        }
        this.beta = beta;
        this.gamma = gamma;
        this.zeta = zeta;
        this.lambda = lambda;
        this.tolerance = tolerance;
        this.logitS0 = Math.log(-gamma / zeta);
        this.logitS1 = Math.log((1 - gamma) / (zeta - 1));
    }

    /** Louizos et al.'s gates (beta = 2/3, gamma = -0.1, zeta = 1.1) with this lambda. */
    public static HardConcrete standard(double lambda) {
        return new HardConcrete(BETA, GAMMA, ZETA, lambda, Tolerance.DEFAULT);
    }

    /** The gate value for a uniform draw u in (0, 1) (for sampling and tests). */
    public double gate(double u, double logA) {
        double s = sigmoid((Math.log(u) - Math.log1p(-u) + logA) / beta);
        return Math.min(1, Math.max(0, s * (zeta - gamma) + gamma));
    }

    /** P(z ≠ 0) = sigmoid(ln a - beta·ln(-gamma/zeta)), in closed form. */
    public double nonZeroProbability(double logA) {
        return sigmoid(logA - beta * logitS0);
    }

    /** E[z], E[z²], P(z ≠ 0) and V at ln a. */
    public GateMoments moments(double logA) {
        Clip clip = clip(logA);
        Estimate second = integrate(y -> square(unclippedGate(y, logA)) * logisticDensity(y), clip.y0, clip.y1)
                .plus(Estimate.exact(clip.pOne));
        Variance variance = variance(logA, clip);
        return new GateMoments(logA, variance.mean, second, nonZeroProbability(logA), variance.normalised);
    }

    /** V(a) = Var z / E[z]² alone (three quadratures; the second moment is not needed). */
    public Estimate normalisedVariance(double logA) {
        return variance(logA, clip(logA)).normalised;
    }

    /** Where the clipping starts and ends in y, and the point masses at 0 and 1. */
    private record Clip(double y0, double y1, double pZero, double pOne) {}

    private Clip clip(double logA) {
        double y0 = beta * logitS0 - logA;
        double y1 = beta * logitS1 - logA;
        return new Clip(y0, y1, sigmoid(y0), sigmoid(-y1));
    }

    /** E z and V, with V's error. */
    private record Variance(Estimate mean, Estimate normalised) {}

    private Variance variance(double logA, Clip clip) {
        Estimate mean = integrate(y -> unclippedGate(y, logA) * logisticDensity(y), clip.y0, clip.y1)
                .plus(Estimate.exact(clip.pOne));
        // 1 - E z, computed as E[1 - z] so that it keeps its digits when E z is close to 1.
        Estimate complement = integrate(y -> oneMinusGate(y, logA) * logisticDensity(y), clip.y0, clip.y1)
                .plus(Estimate.exact(clip.pZero));
        double m = mean.value();
        double q = complement.value();
        Estimate inside = integrate(
                y -> square(m < 0.5 ? unclippedGate(y, logA) - m : q - oneMinusGate(y, logA)) * logisticDensity(y),
                clip.y0,
                clip.y1);
        Estimate variance = inside.plus(Estimate.exact(m * m * clip.pZero + q * q * clip.pOne));
        double v = variance.value() / (m * m);
        double error = v * (variance.relativeError() + 2 * mean.relativeError());
        boolean converged = variance.converged() && mean.converged() && complement.converged();
        Estimate normalised = new Estimate(
                v,
                error,
                converged ? Outcome.CONVERGED : Outcome.TOLERANCE_NOT_MET,
                converged ? "" : "the gate moments at ln a = " + logA + " did not converge");
        return new Variance(mean, normalised);
    }

    /** z inside the unclipped range [y0, y1], as a function of the logistic variable y. */
    private double unclippedGate(double y, double logA) {
        return sigmoid((y + logA) / beta) * (zeta - gamma) + gamma;
    }

    /** 1 - z inside the unclipped range, as (zeta - gamma)·sigmoid(-(y + ln a)/beta) - (zeta - 1). */
    private double oneMinusGate(double y, double logA) {
        return (zeta - gamma) * sigmoid(-(y + logA) / beta) - (zeta - 1);
    }

    /** The reweighting η(a) = lambda/V(a). */
    public Estimate eta(double logA) {
        Estimate v = normalisedVariance(logA);
        double eta = lambda / v.value();
        return new Estimate(eta, eta * v.relativeError(), v.outcome(), v.message());
    }

    /** The dual f(η) = P(z ≠ 0) at the a where lambda/V(a) = η. */
    public Estimate dual(double eta) {
        if (eta == 0) {
            return Estimate.exact(0); // P(z != 0) -> 0 as a -> 0
        }
        if (!(eta > 0)) {
            return new Estimate(
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    Outcome.NO_SOLUTION,
                    "the dual f(eta) is defined for eta >= 0 only, not at eta = " + eta);
        }
        double target = Math.log(lambda / eta);
        Root root = Roots.onPositiveAxis(
                a -> Math.log(normalisedVariance(Math.log(a)).value()) - target, 1, 2, tolerance);
        if (!root.converged()) {
            return new Estimate(
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    root.outcome(),
                    "no a with lambda/V(a) = " + eta + ": " + root.message());
        }
        double logA = Math.log(root.x());
        double p = nonZeroProbability(logA);
        // dP/d(ln a) = P(1 - P); the root's error in a is relative.
        double error = p * (1 - p) * root.error() / root.x() + Math.ulp(p);
        return Estimate.checked(p, error, tolerance, "f(" + eta + ")");
    }

    /**
     * Omega(w) = ½ inf_a [w² V(a)/lambda + P(z ≠ 0)], including the a → ∞ limit ½: the objective on a grid of ln a
     * in [-50, 50], then Brent's method around the best grid point.
     *
     * <p>Whether the penalty has saturated is decided on d(a) = w² V(a)/lambda - P(z = 0), the objective minus its
     * limit 1, with P(z = 0) computed directly: forming P(z ≠ 0) - 1 instead loses everything below 1e-16 and
     * made spurious minima 1e-16 below the limit at large a.
     */
    public Estimate omega(double w) {
        return minimum(Math.abs(w)).omega;
    }

    /** The optimal reweighting η̂(w) = lambda/V(a*), +∞ where the penalty has saturated. */
    public Estimate etaHat(double w) {
        return minimum(Math.abs(w)).etaHat;
    }

    /**
     * The slope at zero c = lim Omega(w)/w: for a → 0, V ~ C_V/a and P ~ C_P·a, so Omega(w) ≈ w·sqrt(C_V C_P)
     * and c = lim_{a→0} sqrt(V(a)·P(a)/lambda).
     */
    public Estimate slopeAtZero() {
        Estimate v = normalisedVariance(SLOPE_LOG_A);
        double c = Math.sqrt(v.value() * nonZeroProbability(SLOPE_LOG_A) / lambda);
        // Relative corrections are O(a) = O(e^-40); the quadrature's relative error halves under the square root.
        double error = c * (0.5 * v.relativeError() + Math.exp(SLOPE_LOG_A));
        return Estimate.checked(c, error, tolerance, "slope at zero");
    }

    /** P(z = 0) = sigmoid(beta·ln(-gamma/zeta) - ln a), accurate when tiny. */
    private double zeroProbability(double logA) {
        return sigmoid(beta * logitS0 - logA);
    }

    /** Omega and η̂ at one w. */
    private record Minimum(Estimate omega, Estimate etaHat) {}

    private Minimum minimum(double w) {
        if (w == 0) {
            return new Minimum(Estimate.exact(0), Estimate.exact(0));
        }
        GridTable table = grid();
        double[] excess = new double[table.logA.length];
        for (int i = 0; i < excess.length; i++) {
            excess[i] = w * w * table.variance[i] / lambda - table.zeroProbability[i];
        }
        if (excess[0] <= excess[1]) {
            return asymptotic(w); // still falling towards a → 0: w is below the grid's reach
        }
        // Refine every interior local minimum of the sampled excess: a shallow valley can dip below 0 between grid
        // points while every grid value stays positive, so the sign of the grid values alone cannot decide.
        Minimum best = saturated();
        double bestValue = 1;
        for (int i = 1; i + 1 < excess.length; i++) {
            if (excess[i] <= excess[i - 1] && excess[i] <= excess[i + 1]) {
                double centre = table.logA[i];
                // Brent works in u = ln a - (grid point): its resolution is relative to |u| ≤ 0.25, not |ln a| ≤ 50.
                Maximum max = Maximize.brent(
                        u -> -objective(w, centre + u), -LOG_A_STEP, LOG_A_STEP, new Tolerance(1e-12, 0, 10_000));
                if (-max.value() < bestValue) {
                    bestValue = -max.value();
                    best = interior(w, centre + max.x(), max);
                }
            }
        }
        if (excess[excess.length - 1] < 0 && excess[excess.length - 1] < excess[excess.length - 2]) {
            return new Minimum(
                    new Estimate(
                            0.5 * bestValue,
                            Double.POSITIVE_INFINITY,
                            Outcome.TOLERANCE_NOT_MET,
                            "the minimiser lies beyond ln a = " + LOG_A_RANGE),
                    Estimate.divergent("a beyond the searched range"));
        }
        return best;
    }

    /**
     * The minimum at an interior ln a found by Brent's method. Brent locates a smooth minimum only to about 1e-8
     * in ln a, which moves Omega at second order but η̂ = lambda/V at first order: η̂'s error counts it.
     */
    private Minimum interior(double w, double logA, Maximum max) {
        double value = -max.value();
        Estimate v = normalisedVariance(logA);
        double error = w * w * v.error() / lambda + max.valueError() + 2 * Math.ulp(value);
        Estimate omega = Estimate.checked(0.5 * value, 0.5 * error, tolerance, "Omega(" + w + ")");
        double eta = lambda / v.value();
        double step = Math.max(max.xError(), 1e-9);
        double logSlope = Math.abs(Math.log(normalisedVariance(logA + step).value()
                        / normalisedVariance(logA - step).value()))
                / (2 * step);
        double etaError = eta * (v.relativeError() + logSlope * max.xError());
        return new Minimum(omega, new Estimate(eta, etaError, v.outcome(), v.message()));
    }

    /**
     * w² V/lambda + P(z ≠ 0), each regime in the form that keeps its digits: summed directly while the gate is
     * mostly off (a small value), as 1 + (w² V/lambda - P(z = 0)) while it is mostly on.
     */
    private double objective(double w, double logA) {
        double quadratic = w * w * normalisedVariance(logA).value() / lambda;
        double zero = zeroProbability(logA);
        return zero > 0.5 ? quadratic + nonZeroProbability(logA) : 1 + (quadratic - zero);
    }

    /** The a → ∞ limit: the gate is always on, η̂ = ∞ and Omega = ½. */
    private static Minimum saturated() {
        return new Minimum(Estimate.exact(0.5), Estimate.converged(Double.POSITIVE_INFINITY, 0));
    }

    /**
     * Below the grid (w of order 1e-20 and less) the minimiser is at a → 0, where Omega = c·w and η̂ = w/c up to
     * relative corrections of order w.
     */
    private Minimum asymptotic(double w) {
        Estimate c = slopeAtZero();
        Estimate omega = new Estimate(c.value() * w, w * (c.error() + c.value() * w), c.outcome(), c.message());
        Estimate eta = new Estimate(w / c.value(), w / c.value() * (c.relativeError() + w), c.outcome(), c.message());
        return new Minimum(omega, eta);
    }

    /** V and P(z = 0) on the ln a grid, computed once. */
    private record GridTable(double[] logA, double[] variance, double[] zeroProbability) {}

    private synchronized GridTable grid() {
        if (grid == null) {
            int n = (int) Math.round(2 * LOG_A_RANGE / LOG_A_STEP) + 1;
            double[] logA = new double[n];
            double[] variance = new double[n];
            double[] zero = new double[n];
            for (int i = 0; i < n; i++) {
                logA[i] = -LOG_A_RANGE + i * LOG_A_STEP;
                variance[i] = normalisedVariance(logA[i]).value();
                zero[i] = zeroProbability(logA[i]);
            }
            grid = new GridTable(logA, variance, zero);
        }
        return grid;
    }

    private Estimate integrate(DoubleUnaryOperator f, double a, double b) {
        return Quadrature.integrateSmooth(f, a, b, tolerance).toEstimate();
    }

    private static double logisticDensity(double y) {
        double e = Math.exp(-Math.abs(y));
        return e / ((1 + e) * (1 + e));
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double square(double x) {
        return x * x;
    }
}

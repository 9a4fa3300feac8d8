package spd.runtime.duality;

import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.base.WeightFunction;

/**
 * Iteratively reweighted least squares for min_w (1/2n) ||y - X w||^2 + lambda sum s_i Omega(w_i), the
 * block-coordinate descent on the eta-trick objective (theory.md 4.1) with the trainer's mean-loss
 * normalisation:
 *
 * <pre>
 *   w   <- (X^T X/n + lambda diag(s_i/eta_i))^-1 X^T y/n,      eta <- eta_hat(|w|).
 * </pre>
 *
 * <p>eta -> 0 (a weight driven to zero) is handled by solving in the scaled variables u = w / sqrt(eta): (D A D
 * + lambda S) u = D b with D = diag(sqrt(eta)), which stays positive definite and gives w_i = 0 exactly where
 * eta_i = 0. An infinite eta (no penalty, e.g. SCAD beyond a lambda) is clamped to {@value #ETA_MAX}. The
 * first solve uses eta = 1 (ridge), so a non-convex Omega is solved from the ridge solution.
 */
public final class Irls {
    /** The largest eta used: an unpenalised weight. */
    public static final double ETA_MAX = 1e12;

    private Irls() {}

    /** The weights reached, the number of w-solves, and whether the change fell under the tolerance. */
    public record Solution(double[] weights, int iterations, boolean converged) {}

    /**
     * Runs IRLS until max |w_new - w_old| <= tolerance * (1 + max |w_old|) or {@code maxIterations} solves.
     *
     * @param etaHat the adaptive rule eta_hat(w) (even in w), applied to a double array of the weights
     */
    public static Solution solve(
            LinearProblem problem,
            double lambda,
            WeightFunction etaHat,
            DataFactor factor,
            int maxIterations,
            double tolerance) {
        return solve(problem, lambda, etaHat, factor, maxIterations, tolerance, Long.MAX_VALUE);
    }

    /**
     * Runs IRLS as above, stopping (not converged) once {@code deadlineNanos} ({@link System#nanoTime()}) has
     * passed: a d of several thousand makes every solve take seconds.
     *
     * @throws DualityCheck.NotApplicable when lambda is not positive or the rule gives a negative or NaN eta
     */
    public static Solution solve(
            LinearProblem problem,
            double lambda,
            WeightFunction etaHat,
            DataFactor factor,
            int maxIterations,
            double tolerance,
            long deadlineNanos) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new DualityCheck.NotApplicable(
                    "lambda = %s: the rule implies no penalty lambda * Omega to solve for (lambda must be positive and finite)"
                            .formatted(lambda));
        }
        double[][] gram = problem.gram();
        double[] correlation = problem.correlation();
        double[] s = problem.factors(factor);
        double[] eta = new double[problem.d()];
        java.util.Arrays.fill(eta, 1.0);
        double[] w = solveWeighted(gram, correlation, s, eta, lambda);
        for (int iteration = 2; iteration <= maxIterations; iteration++) {
            eta = evaluate(etaHat, w);
            double[] next = solveWeighted(gram, correlation, s, eta, lambda);
            double change = maxAbsDifference(next, w);
            double scale = 1 + maxAbs(w);
            w = next;
            if (change <= tolerance * scale) {
                return new Solution(w, iteration, true);
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                return new Solution(w, iteration, false);
            }
        }
        return new Solution(w, maxIterations, false);
    }

    /** w = D u with (D A D + lambda S) u = D b, D = diag(sqrt(eta)). */
    private static double[] solveWeighted(double[][] gram, double[] b, double[] s, double[] eta, double lambda) {
        int d = b.length;
        double[] root = new double[d];
        for (int i = 0; i < d; i++) {
            root[i] = Math.sqrt(eta[i]);
        }
        double[][] m = new double[d][d];
        double[] rhs = new double[d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                m[i][j] = root[i] * gram[i][j] * root[j];
            }
            m[i][i] += lambda * s[i];
            rhs[i] = root[i] * b[i];
        }
        double[] u = Cholesky.solve(m, rhs);
        for (int i = 0; i < d; i++) {
            u[i] *= root[i];
        }
        return u;
    }

    /**
     * eta_hat at |w| (the rule is even). An infinite eta of either sign is an unpenalised weight: a penalty's
     * eta = w / Omega'(w) is -infinity where Omega' is a negative zero, as for capped L1 past its cap.
     */
    private static double[] evaluate(WeightFunction etaHat, double[] w) {
        double[] magnitudes = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            magnitudes[i] = Math.abs(w[i]);
        }
        double[] eta = etaHat.apply(Nd4j.createFromArray(magnitudes.clone())).toDoubleVector();
        for (int i = 0; i < eta.length; i++) {
            if (Double.isInfinite(eta[i])) {
                eta[i] = ETA_MAX;
            } else if (Double.isNaN(eta[i]) || eta[i] < 0) {
                throw new DualityCheck.NotApplicable(
                        "eta_hat(%s) = %s: the rule is not a valid reweighting (it needs eta >= 0), so it implies no penalty"
                                .formatted(magnitudes[i], eta[i]));
            }
            eta[i] = Math.min(eta[i], ETA_MAX);
        }
        return eta;
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static double maxAbs(double[] a) {
        double max = 0;
        for (double value : a) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }
}

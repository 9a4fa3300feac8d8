package spd.runtime.duality;

import org.nd4j.linalg.api.ndarray.INDArray;
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
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("IRLS needs lambda > 0, got " + lambda);
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

  private static double[] evaluate(WeightFunction etaHat, double[] w) {
    INDArray values = etaHat.apply(Nd4j.createFromArray(w.clone()));
    double[] eta = values.toDoubleVector();
    for (int i = 0; i < eta.length; i++) {
      if (Double.isNaN(eta[i]) || eta[i] < 0) {
        throw new IllegalArgumentException(
            "eta_hat(%s) = %s: the adaptive rule must give eta >= 0".formatted(w[i], eta[i]));
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

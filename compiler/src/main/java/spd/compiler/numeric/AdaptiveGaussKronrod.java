package spd.compiler.numeric;

import java.util.PriorityQueue;
import java.util.function.DoubleUnaryOperator;

/**
 * Globally adaptive Gauss–Kronrod integration (G7–K15) of a smooth function over a finite interval: the panel
 * with the largest error estimate is bisected until the total estimate meets the tolerance.
 *
 * <p>The per-panel error estimate is the classical one of QUADPACK (Piessens et al. 1983): the Kronrod–Gauss
 * difference, rescaled by the panel's variation and bounded below by the rounding error of the sum.
 */
final class AdaptiveGaussKronrod {

  private static final GaussKronrodRule RULE = GaussKronrodRule.G7_K15;
  private static final double EPS = Math.ulp(1.0);
  /** Splits whose children do not reduce the error; beyond this many, rounding dominates and we stop. */
  private static final int MAX_STALLED_SPLITS = 40;

  private AdaptiveGaussKronrod() {}

  /** One panel with its Kronrod value and error estimate. */
  private record Panel(double a, double b, double value, double error) {}

  /** A non-finite integrand value, thrown out of the evaluation loop and reported as a result. */
  private static final class NonFinite extends RuntimeException {
    private final double at;
    private final double value;

    NonFinite(double at, double value) {
      super(null, null, false, false);
      this.at = at;
      this.value = value;
    }
  }

  /**
   * Integrates {@code g} over [a, b] (a < b, both finite), starting from {@code initialPanels} equal panels.
   *
   * @param describePoint turns an abscissa of g into the words used in a message (for transformed integrands)
   */
  static Integral integrate(DoubleUnaryOperator g, double a, double b, int initialPanels, Tolerance tolerance,
      DoubleUnaryOperator describePoint) {
    Counter counter = new Counter();
    try {
      return run(g, a, b, initialPanels, tolerance, counter);
    } catch (NonFinite e) {
      return new Integral(Double.NaN, Double.POSITIVE_INFINITY, counter.evaluations, Outcome.NON_FINITE,
          "the integrand is " + e.value + " at t = " + describePoint.applyAsDouble(e.at));
    }
  }

  /** Evaluation counter shared between the loop and the error path. */
  private static final class Counter {
    int evaluations;
  }

  private static Integral run(DoubleUnaryOperator g, double a, double b, int initialPanels, Tolerance tolerance,
      Counter counter) {
    PriorityQueue<Panel> queue = new PriorityQueue<>((p, q) -> Double.compare(q.error, p.error));
    double width = (b - a) / initialPanels;
    for (int i = 0; i < initialPanels; i++) {
      double left = a + i * width;
      double right = i == initialPanels - 1 ? b : a + (i + 1) * width;
      queue.add(evaluate(g, left, right, counter));
    }
    int stalledSplits = 0;
    double[] totals = totals(queue);
    for (int split = 1; ; split++) {
      if (tolerance.accepts(totals[0], totals[1])) {
        totals = totals(queue); // confirm with a fresh sum before declaring success
        if (tolerance.accepts(totals[0], totals[1])) {
          return new Integral(totals[0], totals[1], counter.evaluations, Outcome.CONVERGED, "");
        }
      }
      Panel worst = queue.peek();
      double middle = 0.5 * (worst.a + worst.b);
      if (counter.evaluations + 2 * RULE.size() > tolerance.maxEvaluations()) {
        return notMet(totals(queue), counter, "the evaluation budget of " + tolerance.maxEvaluations()
            + " is spent");
      }
      if (!(middle > worst.a && middle < worst.b)) {
        return notMet(totals(queue), counter, "the panels cannot be split further in double precision");
      }
      queue.poll();
      Panel left = evaluate(g, worst.a, middle, counter);
      Panel right = evaluate(g, middle, worst.b, counter);
      queue.add(left);
      queue.add(right);
      stalledSplits = left.error + right.error >= 0.99 * worst.error ? stalledSplits + 1 : 0;
      if (stalledSplits > MAX_STALLED_SPLITS) {
        return notMet(totals(queue), counter, "rounding error limits the accuracy");
      }
      // Running totals keep each split O(log n); a periodic fresh sum stops rounding drift.
      totals = split % 64 == 0 ? totals(queue) : new double[] {
          totals[0] + left.value + right.value - worst.value,
          totals[1] + left.error + right.error - worst.error};
    }
  }

  private static Integral notMet(double[] totals, Counter counter, String why) {
    return new Integral(totals[0], totals[1], counter.evaluations, Outcome.TOLERANCE_NOT_MET,
        "tolerance not reached: " + why);
  }

  /** The sum of the panel values and of their errors, summed afresh so that no drift accumulates. */
  private static double[] totals(PriorityQueue<Panel> queue) {
    double value = 0;
    double compensation = 0;
    double error = 0;
    for (Panel panel : queue) {
      double y = panel.value - compensation;
      double t = value + y;
      compensation = (t - value) - y;
      value = t;
      error += panel.error;
    }
    return new double[] {value, error};
  }

  /** Applies the rule on one panel. */
  private static Panel evaluate(DoubleUnaryOperator g, double a, double b, Counter counter) {
    double center = 0.5 * (a + b);
    double half = 0.5 * (b - a);
    double[] x = RULE.nodes();
    double[] wk = RULE.kronrodWeights();
    double[] wg = RULE.gaussWeights();
    double[] values = new double[x.length];
    double kronrod = 0;
    double gauss = 0;
    double absolute = 0;
    for (int i = 0; i < x.length; i++) {
      double at = center + half * x[i];
      double value = g.applyAsDouble(at);
      counter.evaluations++;
      if (!Double.isFinite(value)) {
        throw new NonFinite(at, value);
      }
      values[i] = value;
      kronrod += wk[i] * value;
      gauss += wg[i] * value;
      absolute += wk[i] * Math.abs(value);
    }
    double mean = 0.5 * kronrod;
    double variation = 0;
    for (int i = 0; i < x.length; i++) {
      variation += wk[i] * Math.abs(values[i] - mean);
    }
    return new Panel(a, b, half * kronrod, errorEstimate(half * Math.abs(kronrod - gauss), half * variation,
        half * absolute));
  }

  /**
   * QUADPACK's estimate: the raw difference is scaled by (200 |K-G| / variation)^1.5, which is pessimistic for
   * unresolved panels and sharp for resolved ones, and never below the rounding error of the sum.
   */
  private static double errorEstimate(double difference, double variation, double absolute) {
    double error = difference;
    if (variation != 0 && error != 0) {
      error = variation * Math.min(1, Math.pow(200 * error / variation, 1.5));
    }
    if (absolute > Double.MIN_NORMAL / (50 * EPS)) {
      error = Math.max(50 * EPS * absolute, error);
    }
    return error;
  }
}

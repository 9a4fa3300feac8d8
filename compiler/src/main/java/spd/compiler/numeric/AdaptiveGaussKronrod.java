package spd.compiler.numeric;

import java.util.PriorityQueue;
import java.util.function.DoubleUnaryOperator;

/**
 * Globally adaptive Gauss–Kronrod integration (G7–K15) over a finite interval: the panel with the largest error
 * estimate is bisected until the total estimate meets the tolerance.
 *
 * <p>Each panel is integrated at two levels: K15 on the whole panel and K15 on each half. Its value is the sum
 * of the halves and its error estimate is the larger of |whole - halves| and the halves' own Kronrod–Gauss
 * differences (never below the rounding error of the sum). Why two levels: the Kronrod–Gauss difference alone
 * (in QUADPACK's scaled form, and even raw) underestimated the error by a factor of 25 to 160 on panels holding a
 * kink, such as MCP's penalty integrand at its knot, because there K15 and G7 share nodes and err alike; the
 * whole and the halves share only the centre node, so their errors do not cancel by coincidence. Splitting a
 * panel reuses its halves, so a split costs 60 evaluations.
 */
final class AdaptiveGaussKronrod {

  private static final GaussKronrodRule RULE = GaussKronrodRule.G7_K15;
  private static final double EPS = Math.ulp(1.0);
  /** Splits whose children do not reduce the error; beyond this many, rounding dominates and we stop. */
  private static final int MAX_STALLED_SPLITS = 40;

  private AdaptiveGaussKronrod() {}

  /** K15 on one interval: its value, its difference from G7, and the K15 integral of |g| (for rounding). */
  private record RuleResult(double kronrod, double difference, double absolute) {}

  /** A panel [a, b] with its halves' results, its value (the halves' sum) and its error estimate. */
  private record Panel(double a, double b, RuleResult left, RuleResult right, double value, double error) {
    double middle() {
      return 0.5 * (a + b);
    }
  }

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

  /** Evaluation counter shared between the loop and the error path. */
  private static final class Counter {
    int evaluations;
  }

  /**
   * Integrates {@code g} over [a, b] (a &lt; b, both finite), starting from {@code initialPanels} equal panels.
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

  private static Integral run(DoubleUnaryOperator g, double a, double b, int initialPanels, Tolerance tolerance,
      Counter counter) {
    PriorityQueue<Panel> queue = new PriorityQueue<>((p, q) -> Double.compare(q.error, p.error));
    double width = (b - a) / initialPanels;
    for (int i = 0; i < initialPanels; i++) {
      double left = a + i * width;
      double right = i == initialPanels - 1 ? b : a + (i + 1) * width;
      queue.add(panel(g, left, right, apply(g, left, right, counter), counter));
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
      if (counter.evaluations + 4 * RULE.size() > tolerance.maxEvaluations()) {
        return notMet(totals(queue), counter, "the evaluation budget of " + tolerance.maxEvaluations()
            + " is spent");
      }
      double quarter = 0.5 * (worst.a + worst.middle());
      if (!(quarter > worst.a && quarter < worst.middle())) {
        return notMet(totals(queue), counter, "the panels cannot be split further in double precision");
      }
      queue.poll();
      Panel left = panel(g, worst.a, worst.middle(), worst.left, counter);
      Panel right = panel(g, worst.middle(), worst.b, worst.right, counter);
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

  /** The panel [a, b] whose whole-panel K15 result is known: evaluates its halves and compares. */
  private static Panel panel(DoubleUnaryOperator g, double a, double b, RuleResult whole, Counter counter) {
    double middle = 0.5 * (a + b);
    RuleResult left = apply(g, a, middle, counter);
    RuleResult right = apply(g, middle, b, counter);
    double value = left.kronrod + right.kronrod;
    double error = Math.max(Math.abs(whole.kronrod - value), left.difference + right.difference);
    double rounding = 50 * EPS * (left.absolute + right.absolute);
    return new Panel(a, b, left, right, value, Math.max(error, rounding));
  }

  private static Integral notMet(double[] totals, Counter counter, String why) {
    return new Integral(totals[0], totals[1], counter.evaluations, Outcome.TOLERANCE_NOT_MET,
        "tolerance not reached: " + why);
  }

  /** The sum of the panel values (compensated) and of their errors, summed afresh so that no drift accumulates. */
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

  /** K15 and G7 on [a, b]. */
  private static RuleResult apply(DoubleUnaryOperator g, double a, double b, Counter counter) {
    double center = 0.5 * (a + b);
    double half = 0.5 * (b - a);
    double[] x = RULE.nodes();
    double[] wk = RULE.kronrodWeights();
    double[] wg = RULE.gaussWeights();
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
      kronrod += wk[i] * value;
      gauss += wg[i] * value;
      absolute += wk[i] * Math.abs(value);
    }
    return new RuleResult(half * kronrod, half * Math.abs(kronrod - gauss), half * absolute);
  }
}

package spd.compiler.numeric;

import java.util.PriorityQueue;
import java.util.function.DoubleUnaryOperator;

/**
 * Globally adaptive Gauss–Kronrod integration (G7–K15) over a finite interval: the panel with the largest error
 * estimate is bisected until the total estimate meets the tolerance.
 *
 * <p>Each panel is integrated at two levels: K15 on the whole panel and K15 on each half, whose sum is the
 * panel's value. Its error estimate is the largest of three quantities, each of which catches what the others
 * miss (all three were needed to pass the tests' sweep of kinks, peaks and singularities):
 * <ul>
 *   <li>|whole - halves| and |G7(whole) - halves|: the Kronrod–Gauss difference alone underestimated kinks by
 *       factors of 25 to 160, because on a kink K15 and G7 share nodes and err alike, whereas the whole and the
 *       halves share only the centre node;</li>
 *   <li>the halves' own Kronrod–Gauss differences;</li>
 *   <li>a boundary term. No rule samples the outer 0.43% of its interval, so a kink sitting within that sliver of
 *       a panel boundary is invisible to the panels on both sides, and bisection keeps it there (a kink at
 *       relative position 2^-k·ε stays next to a boundary for k levels): 6% of random kink positions were missed
 *       with errors up to 1e7 times the estimate. So g is also evaluated at every panel boundary, and the
 *       difference between that value and the halves' degree-14 interpolants extrapolated there, times the
 *       sliver's width, bounds what the sliver can hide. For smooth g the extrapolation is accurate to about the
 *       rule's own order, so this costs one evaluation per panel and no extra panels.</li>
 * </ul>
 * The first two are doubled for safety (see {@link #SAFETY}). Splitting a panel reuses its halves and boundary
 * values, so a split costs 62 evaluations.
 */
final class AdaptiveGaussKronrod {

    private static final GaussKronrodRule RULE = GaussKronrodRule.G7_K15;
    private static final double EPS = Math.ulp(1.0);
    /** Splits whose children do not reduce the error; beyond this many, rounding dominates and we stop. */
    private static final int MAX_STALLED_SPLITS = 40;
    /** The unsampled sliver at each end of a rule's interval, as a fraction of its half-width. */
    private static final double SLIVER = 1 - RULE.nodes()[RULE.size() - 1];
    /** Barycentric weights of the K15 nodes, for extrapolating a rule's interpolant to the interval's ends. */
    private static final double[] BARYCENTRIC = barycentricWeights(RULE.nodes());
    /**
     * Safety factor on the two difference-based indicators: without it, one jump position in 1800 had an actual
     * error 1.17 times its estimate (a jump's error depends erratically on where it falls between nodes).
     */
    private static final double SAFETY = 2;
    /** The global ends are sampled this far inside (relative), keeping f's evaluations inside the interval. */
    private static final double END_NUDGE = 0x1p-30;

    private AdaptiveGaussKronrod() {}

    /**
     * K15 and G7 on one interval, the K15 integral of |g| (for the rounding bound), and the degree-14 interpolant
     * of the 15 values extrapolated to the interval's two ends.
     */
    private record RuleResult(double kronrod, double gauss, double absolute, double atLeft, double atRight) {
        double difference() {
            return Math.abs(kronrod - gauss);
        }
    }

    /** A panel [a, b]: its halves' results, g at a, the middle and b, its value (the halves' sum) and error. */
    private record Panel(
            double a,
            double b,
            RuleResult left,
            RuleResult right,
            double atA,
            double atMiddle,
            double atB,
            double value,
            double error) {
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
     * g is evaluated only strictly inside [a, b].
     *
     * @param describePoint turns an abscissa of g into the words used in a message (for transformed integrands)
     */
    static Integral integrate(
            DoubleUnaryOperator g,
            double a,
            double b,
            int initialPanels,
            Tolerance tolerance,
            DoubleUnaryOperator describePoint) {
        Counter counter = new Counter();
        try {
            return run(g, a, b, initialPanels, tolerance, counter);
        } catch (NonFinite e) {
            return new Integral(
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    counter.evaluations,
                    Outcome.NON_FINITE,
                    "the integrand is " + e.value + " at t = " + describePoint.applyAsDouble(e.at));
        }
    }

    private static Integral run(
            DoubleUnaryOperator g, double a, double b, int initialPanels, Tolerance tolerance, Counter counter) {
        PriorityQueue<Panel> queue = new PriorityQueue<>((p, q) -> Double.compare(q.error, p.error));
        double width = (b - a) / initialPanels;
        double nudge = END_NUDGE * (b - a);
        double previousEnd = evaluate(g, a + nudge, counter);
        for (int i = 0; i < initialPanels; i++) {
            double left = a + i * width;
            double right = i == initialPanels - 1 ? b : a + (i + 1) * width;
            double atRight = evaluate(g, i == initialPanels - 1 ? b - nudge : right, counter);
            queue.add(panel(g, left, right, apply(g, left, right, counter), previousEnd, atRight, counter));
            previousEnd = atRight;
        }
        int stalledSplits = 0;
        double[] totals = totals(queue);
        for (int split = 1; ; split++) {
            Deadline.check();
            if (tolerance.accepts(totals[0], totals[1])) {
                totals = totals(queue); // confirm with a fresh sum before declaring success
                if (tolerance.accepts(totals[0], totals[1])) {
                    return new Integral(totals[0], totals[1], counter.evaluations, Outcome.CONVERGED, "");
                }
            }
            Panel worst = queue.peek();
            if (counter.evaluations + 4 * RULE.size() + 2 > tolerance.maxEvaluations()) {
                return notMet(
                        totals(queue), counter, "the evaluation budget of " + tolerance.maxEvaluations() + " is spent");
            }
            double quarter = 0.5 * (worst.a + worst.middle());
            if (!(quarter > worst.a && quarter < worst.middle())) {
                return notMet(totals(queue), counter, "the panels cannot be split further in double precision");
            }
            queue.poll();
            Panel left = panel(g, worst.a, worst.middle(), worst.left, worst.atA, worst.atMiddle, counter);
            Panel right = panel(g, worst.middle(), worst.b, worst.right, worst.atMiddle, worst.atB, counter);
            queue.add(left);
            queue.add(right);
            stalledSplits = left.error + right.error >= 0.99 * worst.error ? stalledSplits + 1 : 0;
            if (stalledSplits > MAX_STALLED_SPLITS) {
                return notMet(totals(queue), counter, "rounding error limits the accuracy");
            }
            // Running totals keep each split O(log n); a periodic fresh sum stops rounding drift.
            totals = split % 64 == 0
                    ? totals(queue)
                    : new double[] {
                        totals[0] + left.value + right.value - worst.value,
                        totals[1] + left.error + right.error - worst.error
                    };
        }
    }

    /**
     * The panel [a, b] whose whole-panel K15 result and end values are known: evaluates g at the middle and K15 on
     * the halves, and combines the three error indicators.
     */
    private static Panel panel(
            DoubleUnaryOperator g, double a, double b, RuleResult whole, double atA, double atB, Counter counter) {
        double middle = 0.5 * (a + b);
        double atMiddle = evaluate(g, middle, counter);
        RuleResult left = apply(g, a, middle, counter);
        RuleResult right = apply(g, middle, b, counter);
        double value = left.kronrod + right.kronrod;
        double levels = Math.max(Math.abs(whole.kronrod - value), Math.abs(whole.gauss - value));
        double halves = left.difference() + right.difference();
        double sliver = SLIVER * 0.25 * (b - a);
        double boundaries = sliver
                * (Math.abs(left.atLeft - atA)
                        + Math.abs(left.atRight - atMiddle)
                        + Math.abs(right.atLeft - atMiddle)
                        + Math.abs(right.atRight - atB));
        double rounding = 50 * EPS * (left.absolute + right.absolute);
        double error = Math.max(SAFETY * Math.max(levels, halves), Math.max(boundaries, rounding));
        return new Panel(a, b, left, right, atA, atMiddle, atB, value, error);
    }

    private static Integral notMet(double[] totals, Counter counter, String why) {
        return new Integral(
                totals[0], totals[1], counter.evaluations, Outcome.TOLERANCE_NOT_MET, "tolerance not reached: " + why);
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

    private static double evaluate(DoubleUnaryOperator g, double at, Counter counter) {
        double value = g.applyAsDouble(at);
        counter.evaluations++;
        if (!Double.isFinite(value)) {
            throw new NonFinite(at, value);
        }
        return value;
    }

    /** K15 and G7 on [a, b], and the interpolant of the 15 values extrapolated to a and b. */
    private static RuleResult apply(DoubleUnaryOperator g, double a, double b, Counter counter) {
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
            double value = evaluate(g, center + half * x[i], counter);
            values[i] = value;
            kronrod += wk[i] * value;
            gauss += wg[i] * value;
            absolute += wk[i] * Math.abs(value);
        }
        return new RuleResult(
                half * kronrod, half * gauss, half * absolute, interpolate(values, -1), interpolate(values, 1));
    }

    /** The interpolant of values at the K15 nodes, at a point that is not a node (barycentric formula). */
    private static double interpolate(double[] values, double at) {
        double[] x = RULE.nodes();
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < x.length; i++) {
            double term = BARYCENTRIC[i] / (at - x[i]);
            numerator += term * values[i];
            denominator += term;
        }
        return numerator / denominator;
    }

    private static double[] barycentricWeights(double[] nodes) {
        double[] weights = new double[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            double product = 1;
            for (int j = 0; j < nodes.length; j++) {
                if (j != i) {
                    product *= nodes[i] - nodes[j];
                }
            }
            weights[i] = 1 / product;
        }
        return weights;
    }
}

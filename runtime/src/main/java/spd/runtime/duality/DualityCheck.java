package spd.runtime.duality;

import java.util.BitSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.base.WeightFunction;
import spd.runtime.data.DataSpec;

/**
 * The linear duality check (theory.md 2.3 and 4.1): after a run of adaptive dropout on the seeded linear
 * generator (squared loss, one linear layer without bias), solve L + lambda Omega for the same eta_hat by IRLS
 * and compare supports and weights.
 */
public final class DualityCheck {
    /** How long IRLS may run before the check reports it as not converged. */
    public static final java.time.Duration DEADLINE = java.time.Duration.ofMinutes(2);

    private DualityCheck() {}

    /**
     * Why the check cannot be made for a run (no penalty at lambda = 0, a rule that gives a negative eta, a
     * singular system): a report for the user, not a failure of the run.
     */
    public static final class NotApplicable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The reason, phrased for the user. */
        public NotApplicable(String reason) {
            super(reason);
        }
    }

    /**
     * The memory the check needs on {@code data}, in bytes: X and y in double precision, X^T X and the IRLS
     * system (each d x d doubles). d = 50,000 needs 40 GB.
     */
    public static long bytesNeeded(DataSpec.Linear data) {
        long d = data.d();
        return 8L * ((long) data.n() * d + data.n()) + 2 * 8L * d * d;
    }

    /**
     * How to compare.
     *
     * @param supportThreshold |w| above which a weight is in the support
     * @param dataFactor the data factor s_i of the IRLS penalty
     * @param maxIterations the most IRLS solves
     * @param tolerance the relative change at which IRLS stops
     */
    public record Options(double supportThreshold, DataFactor dataFactor, int maxIterations, double tolerance) {
        /** Checks the ranges. */
        public Options {
            if (!(supportThreshold >= 0) || maxIterations < 1 || !(tolerance > 0)) {
                throw new IllegalArgumentException(
                        "the duality check needs a threshold >= 0, at least one iteration and a tolerance > 0");
            }
        }

        /**
         * Support |w| > 0.05 (above the noise floor the mask leaves on weights that tend to zero), the data factor
         * of DropConnect on this data, up to 10,000 solves to 1e-12.
         */
        public static Options defaults() {
            return new Options(0.05, DataFactor.COLUMN_MEAN_SQUARE, 10_000, 1e-12);
        }

        /** The same options with another support threshold. */
        public Options withSupportThreshold(double value) {
            return new Options(value, dataFactor, maxIterations, tolerance);
        }

        /** The same options with another data factor. */
        public Options withDataFactor(DataFactor value) {
            return new Options(supportThreshold, value, maxIterations, tolerance);
        }
    }

    /**
     * Compares the trained weights of a run on {@code data} (a {@code d x 1} or {@code 1 x d} array) with the
     * IRLS solution for {@code etaHat} at {@code lambda}; IRLS stops, not converged, after {@link #DEADLINE}.
     *
     * @throws NotApplicable when there is nothing to compare with (lambda = 0, an invalid eta, ...)
     */
    public static DualityReport compare(
            DataSpec.Linear data, double lambda, WeightFunction etaHat, INDArray trainedWeights, Options options) {
        LinearProblem problem = LinearProblem.generated(data);
        if (trainedWeights.length() != problem.d()) {
            throw new IllegalArgumentException(
                    "the duality check needs the %d weights of the single linear layer, got an array of %d"
                            .formatted(problem.d(), trainedWeights.length()));
        }
        double[] dropout =
                trainedWeights.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (double w : dropout) {
            if (!Double.isFinite(w)) {
                throw new NotApplicable("the trained weights are not all finite");
            }
        }
        try {
            Irls.Solution irls = Irls.solve(
                    problem,
                    lambda,
                    etaHat,
                    options.dataFactor(),
                    options.maxIterations(),
                    options.tolerance(),
                    System.nanoTime() + DEADLINE.toNanos());
            return report(problem, lambda, options, irls, dropout);
        } catch (ArithmeticException e) {
            throw new NotApplicable(e.getMessage() + " (the rule's eta makes L + lambda Omega degenerate)");
        }
    }

    /** The report for given IRLS and dropout weights. */
    static DualityReport report(
            LinearProblem problem, double lambda, Options options, Irls.Solution irls, double[] dropout) {
        double threshold = options.supportThreshold();
        BitSet irlsSupport = Support.of(irls.weights(), threshold);
        BitSet dropoutSupport = Support.of(dropout, threshold);
        BitSet trueSupport = Support.of(problem.trueWeights(), 0);
        double irlsNorm = norm(irls.weights(), new double[problem.d()]);
        return new DualityReport(
                lambda,
                options.dataFactor(),
                threshold,
                irls.iterations(),
                irls.converged(),
                trueSupport.cardinality(),
                irlsSupport.cardinality(),
                dropoutSupport.cardinality(),
                Support.jaccard(dropoutSupport, irlsSupport),
                Support.jaccard(irlsSupport, trueSupport),
                Support.jaccard(dropoutSupport, trueSupport),
                irlsNorm == 0 ? null : norm(dropout, irls.weights()) / irlsNorm,
                problem.loss(irls.weights()),
                problem.loss(dropout),
                irls.weights(),
                dropout,
                problem.trueWeights());
    }

    private static double norm(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }
}

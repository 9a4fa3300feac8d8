package spd.compiler.penalty;

import java.util.function.DoubleUnaryOperator;
import spd.compiler.sym.Expr;
import spd.compiler.sym.IntervalEvaluation;

/**
 * A reweighting must be positive (or +inf) for every weight: eta_hat = lambda keep/(1 - keep) with a keep probability
 * in (0, 1]. A rule that is negative or undefined somewhere has no effective penalty, so it is rejected with where it
 * fails instead of being derived into numbers that mean nothing. Proved by interval arithmetic where it can be, else
 * checked on a log grid of |w| from 1e-8 to 1e8.
 */
final class PositiveReweighting {
    private static final int GRID_POINTS = 321;
    private static final double GRID_LOW = 1e-8;
    private static final double GRID_HIGH = 1e8;

    private PositiveReweighting() {}

    /** Rejects an eta rule (or mask) whose reweighting is negative or undefined for some |w| &gt; 0. */
    static void require(Context context, Expr etaT, DoubleUnaryOperator eta) {
        firstFailure(context, etaT, eta).ifPresent(failure -> {
            throw new DerivationException(context.input.sourcePath() + ": experiment " + context.input.experimentName()
                    + ": the reweighting eta_hat(w) = "
                    + PropertyAnalysis.inW(etaT).toText() + " is " + failure.what() + " at |w| = "
                    + PropertyAnalysis.format(failure.w())
                    + "; an adaptive reweighting must be positive for every weight"
                    + " (a keep probability in (0, 1])");
        });
    }

    /** Rejects a penalty whose rule eta_hat = |w|/Omega'(|w|) is negative or undefined somewhere. */
    static void requireIncreasingPenalty(Context context, Expr etaT, DoubleUnaryOperator eta) {
        firstFailure(context, etaT, eta).ifPresent(failure -> {
            throw new DerivationException(context.input.sourcePath() + ": experiment " + context.input.experimentName()
                    + ": the penalty " + (failure.what().equals("negative") ? "decreases" : "has no derivative")
                    + " at |w| = "
                    + PropertyAnalysis.format(failure.w())
                    + ", so no adaptive dropout rule has it as its effective penalty"
                    + " (eta_hat = |w|/Omega'(|w|) would be " + failure.what()
                    + " there); a penalty must be nondecreasing in |w|");
        });
    }

    /** Where eta fails to be positive: "negative" or "not defined" at w. */
    private record Failure(String what, double w) {}

    private static java.util.Optional<Failure> firstFailure(Context context, Expr etaT, DoubleUnaryOperator eta) {
        if (IntervalEvaluation.enclose(etaT, context.positiveT).isPositive()) {
            return java.util.Optional.empty();
        }
        double lo = Math.log(GRID_LOW);
        double hi = Math.log(GRID_HIGH);
        for (int i = 0; i < GRID_POINTS; i++) {
            double w = Math.exp(lo + (hi - lo) * i / (GRID_POINTS - 1));
            double value = eta.applyAsDouble(w);
            // A value of exactly 0 is taken as an underflow of a positive value (exp(-w) at large w), not a failure.
            if (value < 0) {
                return java.util.Optional.of(new Failure("negative", w));
            }
            if (Double.isNaN(value)) {
                return java.util.Optional.of(new Failure("not defined", w));
            }
        }
        return java.util.Optional.empty();
    }
}

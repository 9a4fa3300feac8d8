package spd.compiler.numeric;

/**
 * A maximum found numerically: the maximiser x (within {@code xError}), the value there (within
 * {@code valueError} of the true maximum of the function over the searched range), where in the range it lies,
 * and how the search ended.
 */
public record Maximum(
        double x,
        double value,
        double xError,
        double valueError,
        Location location,
        int evaluations,
        Outcome outcome,
        String message) {

    /** Where the maximiser lies in the searched range; at an end, the supremum may lie beyond it. */
    public enum Location {
        /** Strictly inside the range. */
        INTERIOR,
        /** At the lower end of the range (within xError). */
        LOWER_END,
        /** At the upper end of the range (within xError). */
        UPPER_END;

        /** The location of grid point i of n. */
        static Location of(int i, int n) {
            return i == 0 ? LOWER_END : i == n - 1 ? UPPER_END : INTERIOR;
        }
    }

    public Maximum {
        if (outcome == Outcome.CONVERGED && !message.isEmpty()) {
            throw new IllegalArgumentException("a converged maximum carries no message: " + message);
        }
    }

    /** Whether the search met its tolerance. */
    public boolean converged() {
        return outcome == Outcome.CONVERGED;
    }

    /** The maximal value as an estimate. */
    public Estimate valueEstimate() {
        return new Estimate(value, valueError, outcome, message);
    }

    @Override
    public String toString() {
        String core = String.format("max %s at x = %s (%s, %d evaluations)", value, x, location, evaluations);
        return converged() ? core : core + " [" + outcome + ": " + message + "]";
    }
}

package spd.compiler.numeric;

/**
 * A numerically computed number with its estimated absolute error, how the computation ended and, when it did
 * not converge, a sentence saying why.
 */
public record Estimate(double value, double error, Outcome outcome, String message) {

    public Estimate {
        if (outcome == Outcome.CONVERGED && !message.isEmpty()) {
            throw new IllegalArgumentException("a converged estimate carries no message: " + message);
        }
    }

    /** A converged estimate. */
    public static Estimate converged(double value, double error) {
        return new Estimate(value, error, Outcome.CONVERGED, "");
    }

    /** An estimate that is exact up to rounding (a closed form, a limit known analytically). */
    public static Estimate exact(double value) {
        return converged(value, Math.ulp(value));
    }

    /** An estimate whose tolerance was checked by the caller. */
    public static Estimate checked(double value, double error, Tolerance tolerance, String whatFailed) {
        if (!Double.isFinite(value)) {
            return new Estimate(value, error, Outcome.NON_FINITE, whatFailed + ": the result is " + value);
        }
        return tolerance.accepts(value, error)
                ? converged(value, error)
                : new Estimate(
                        value,
                        error,
                        Outcome.TOLERANCE_NOT_MET,
                        whatFailed + ": estimated error " + error + " exceeds the tolerance "
                                + tolerance.allowedError(value));
    }

    /** An infinite quantity, with the reason. */
    public static Estimate divergent(String reason) {
        return new Estimate(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Outcome.DIVERGENT, reason);
    }

    /** Whether the estimated error is within the requested tolerance. */
    public boolean converged() {
        return outcome == Outcome.CONVERGED;
    }

    /**
     * The sum of two estimates; errors add, and the worse outcome (and its message) is kept. A sum of a converged
     * and a non-converged estimate is therefore not converged.
     */
    public Estimate plus(Estimate other) {
        Estimate worse = other.outcome.compareTo(outcome) > 0 ? other : this;
        return new Estimate(value + other.value, error + other.error, worse.outcome, worse.message);
    }

    /** This estimate multiplied by an exact factor. */
    public Estimate times(double factor) {
        return new Estimate(value * factor, error * Math.abs(factor), outcome, message);
    }

    /** This estimate with a further error contribution added (the outcome is kept). */
    public Estimate withExtraError(double extra) {
        return new Estimate(value, error + extra, outcome, message);
    }

    /** The relative error estimate, |error / value| (infinite when the value is 0 and the error is not). */
    public double relativeError() {
        return error == 0 ? 0 : Math.abs(error / value);
    }

    @Override
    public String toString() {
        String core = value + " ± " + String.format("%.1e", error);
        return converged() ? core : core + " [" + outcome + ": " + message + "]";
    }
}

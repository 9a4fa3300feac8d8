package spd.compiler.numeric;

/**
 * The result of a numerical integration: the value, its estimated absolute error, the number of integrand
 * evaluations spent, how the integration ended and, unless it converged, why.
 */
public record Integral(double value, double errorEstimate, int evaluations, Outcome outcome, String message) {

    public Integral {
        if (outcome == Outcome.CONVERGED && !message.isEmpty()) {
            throw new IllegalArgumentException("a converged integral carries no message: " + message);
        }
    }

    /** Whether the estimated error is within the requested tolerance. */
    public boolean converged() {
        return outcome == Outcome.CONVERGED;
    }

    /** This integral as an estimate (dropping the evaluation count). */
    public Estimate toEstimate() {
        return new Estimate(value, errorEstimate, outcome, message);
    }

    /** This integral with opposite sign (for reversed limits). */
    Integral negated() {
        return new Integral(-value, errorEstimate, evaluations, outcome, message);
    }

    @Override
    public String toString() {
        String core = value + " ± " + String.format("%.1e", errorEstimate) + " (" + evaluations + " evaluations)";
        return converged() ? core : core + " [" + outcome + ": " + message + "]";
    }
}

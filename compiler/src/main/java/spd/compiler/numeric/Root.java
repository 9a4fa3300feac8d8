package spd.compiler.numeric;

/**
 * A root of a continuous function, certified by a bracket: f changes sign on [lower, upper], which contains x.
 * When the search failed, {@code outcome} says how and {@code message} why; x is then the best point seen.
 */
public record Root(double x, double lower, double upper, int evaluations, Outcome outcome, String message) {

    public Root {
        if (outcome == Outcome.CONVERGED && !message.isEmpty()) {
            throw new IllegalArgumentException("a converged root carries no message: " + message);
        }
    }

    /** Whether the bracket is within the requested tolerance. */
    public boolean converged() {
        return outcome == Outcome.CONVERGED;
    }

    /** A bound on |x - root|: the distance from x to the far end of the bracket. */
    public double error() {
        return Math.max(x - lower, upper - x);
    }

    /** The root as an estimate. */
    public Estimate toEstimate() {
        return new Estimate(x, error(), outcome, message);
    }

    @Override
    public String toString() {
        String core = x + " in [" + lower + ", " + upper + "] (" + evaluations + " evaluations)";
        return converged() ? core : core + " [" + outcome + ": " + message + "]";
    }
}

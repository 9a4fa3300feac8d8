package spd.compiler.numeric;

/**
 * What "accurate enough" means for an iterative computation: an estimated error of at most
 * {@code max(absolute, relative * |value|)}, reached within {@code maxEvaluations} function evaluations.
 */
public record Tolerance(double absolute, double relative, int maxEvaluations) {

    /** Twelve significant digits, the default of the derivation reports (the oracles have six or seven). */
    public static final Tolerance DEFAULT = new Tolerance(0, 1e-12, 200_000);

    public Tolerance {
        if (!(absolute >= 0) || !(relative >= 0) || absolute + relative == 0) {
            throw new IllegalArgumentException(
                    "a tolerance needs absolute >= 0 and relative >= 0, not both 0; got " + absolute + ", " + relative);
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("maxEvaluations must be positive, got " + maxEvaluations);
        }
    }

    /** A purely relative tolerance with the default evaluation budget. */
    public static Tolerance relative(double relative) {
        return new Tolerance(0, relative, DEFAULT.maxEvaluations);
    }

    /** The error allowed for a result of this size. */
    public double allowedError(double value) {
        return Math.max(absolute, relative * Math.abs(value));
    }

    /** Whether an estimated error is acceptable for a result of this size. */
    public boolean accepts(double value, double error) {
        return error <= allowedError(value);
    }
}

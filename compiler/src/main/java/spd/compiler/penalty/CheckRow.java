package spd.compiler.penalty;

/**
 * One row of a derivation's numeric cross-check: Omega at w from the closed form (or the primary method) against an
 * independent computation.
 *
 * @param w the weight magnitude
 * @param value Omega(w) as reported
 * @param reference the independent value (quadrature of t/eta_hat, or a theory oracle)
 * @param referenceError the reference's estimated absolute error
 * @param referenceName what the reference is, e.g. "quadrature" or "theory.md 6.2"
 */
public record CheckRow(double w, double value, double reference, double referenceError, String referenceName) {
    /** |value - reference| / |reference| (absolute when the reference is 0). */
    public double relativeDifference() {
        double scale = Math.abs(reference);
        return scale == 0 ? Math.abs(value - reference) : Math.abs(value - reference) / scale;
    }
}

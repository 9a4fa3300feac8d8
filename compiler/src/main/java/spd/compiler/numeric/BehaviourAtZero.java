package spd.compiler.numeric;

/**
 * How the integrand t/η̂(t) of Omega(w) = ∫_0^|w| t/η̂(t) dt behaves as t → 0+, which decides whether Omega is
 * finite and what its slope c = Omega'(0+) = lim t/η̂(t) is (theory §2.3, "Sparsity near 0"). The exponent is
 * the local power q of t/η̂(t) ~ C t^q measured at the smallest probed t.
 */
public sealed interface BehaviourAtZero {

    /**
     * t/η̂(t) tends to a finite limit c: c &gt; 0 gives an ℓ1-type kink (thresholding), c = 0 a locally quadratic
     * penalty (η̂(0+) &gt; 0, ridge-like).
     */
    record FiniteSlope(double c, double error, double exponent) implements BehaviourAtZero {}

    /** t/η̂(t) → ∞ integrably, like t^q with -1 &lt; q &lt; 0 (bridge penalties |w|^p with p = 1 + q &lt; 1). */
    record InfiniteSlope(double exponent) implements BehaviourAtZero {}

    /**
     * t/η̂(t) grows like t^q with q ≤ -1 (η̂ vanishes like t² or faster): Omega(w) is infinite for every w ≠ 0.
     * Exponents within 1e-3 of -1 are counted here: no double-precision quadrature could resolve such a penalty.
     */
    record Divergent(double exponent, String reason) implements BehaviourAtZero {}

    /** The probes could not tell (η̂ was not positive and finite at enough small t). */
    record Undetermined(String reason) implements BehaviourAtZero {}
}

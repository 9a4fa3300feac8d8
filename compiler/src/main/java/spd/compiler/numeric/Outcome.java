package spd.compiler.numeric;

/** How a numerical computation ended: with a certified result, or with the reason it has none. */
public enum Outcome {
    /** The estimated error is within the requested tolerance. */
    CONVERGED,
    /** A finite value was computed, but its estimated error exceeds the requested tolerance. */
    TOLERANCE_NOT_MET,
    /** The function returned NaN or an infinity where a finite value was needed. */
    NON_FINITE,
    /** The quantity is infinite (a non-integrable singularity, an unbounded supremum, ...). */
    DIVERGENT,
    /** The problem has no solution of the requested kind (no sign change for a root, ...). */
    NO_SOLUTION
}

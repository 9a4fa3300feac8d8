package spd.compiler.penalty;

/** What a derivation step defines: the named quantity on its left-hand side (the printer decides how it looks). */
public enum Quantity {
    /** The reweighting rule eta(w) as the user wrote it. */
    ETA_RULE,
    /** The adaptive reweighting eta_hat(w) the rule implements. */
    ETA_HAT,
    /** The keep probability keep(w). */
    KEEP,
    /** The variance of the mask, Var m. */
    MASK_VARIANCE,
    /** The shrinkage ratio (1 - keep)/keep of a proximal step. */
    SHRINKAGE_RATIO,
    /** The effective penalty Omega(w). */
    OMEGA,
    /** Its derivative Omega'(w). */
    OMEGA_PRIME,
    /** The dual (mask cost) f(eta). */
    DUAL,
    /** The dual's derivative f'(eta). */
    DUAL_PRIME,
    /** The maximiser w_hat(eta) of 2 Omega(w) - w^2/eta. */
    W_HAT,
    /** A multiplicative mask m. */
    MASK,
    /** A hard-concrete gate z. */
    GATE,
    /** The reweighting eta(a) of a gate parameter a. */
    GATE_ETA
}

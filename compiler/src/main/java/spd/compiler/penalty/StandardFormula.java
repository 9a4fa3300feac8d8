package spd.compiler.penalty;

/**
 * The statements of a derivation that are not expressions of spd's algebra (an infimum over a gate parameter, a
 * sampled gate), named so that the derivation states which one it uses and the printer decides how it reads.
 */
public enum StandardFormula {
    /** Omega(w) = (1/2) [w^2/eta_hat(w) + f(eta_hat(w))], the eta-trick (theory.md 2.1). */
    ETA_TRICK,
    /** w_hat(eta) = eta sqrt(f'(eta)), the stationarity condition of the eta-trick. */
    STATIONARITY,
    /** The Gaussian mask N(1, alpha) of variational dropout, alpha = lambda/(s eta). */
    VARIATIONAL_MASK,
    /** f'(eta) = D(sqrt(eta/2))/sqrt(eta/2), the exact KL's dual derivative (D is Dawson's function). */
    EXACT_KL_DUAL_DERIVATIVE,
    /** The hard-concrete gate z = clip(sigmoid((log u - log(1 - u) + log a)/beta) (zeta - gamma) + gamma, 0, 1). */
    HARD_CONCRETE_GATE,
    /** eta(a) = lambda/V(a) with V(a) = E[z^2]/E[z]^2 - 1, the gate's normalised variance. */
    GATE_VARIANCE,
    /** f(eta) = P(z != 0) = sigmoid(log a - beta log(-gamma/zeta)), the gate's cost. */
    GATE_COST,
    /** Omega(w) = (1/2) inf_a [w^2 V(a)/lambda + P(z != 0)], the eta-trick over the gate parameter. */
    GATE_ETA_TRICK
}

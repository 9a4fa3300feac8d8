package spd.compiler.model;

import java.util.Optional;
import spd.compiler.sym.Expr;

/**
 * How a regularizer acts on the weights of its layers. Expressions use {@code w} (the weight), {@code eta}
 * (the experiment's eta rule, in keep and variance expressions), {@code lr} (prox only) and constants.
 */
public sealed interface Strategy {

    /** A classical penalty lambda * Omega(w): from {@code omega(w) = ...}, or a rule's omega or eta. */
    record Penalty(Optional<Expr> omega, Optional<Expr> eta, Expr weight, Optional<RuleRef> rule) implements Strategy {}

    /** Scaled Bernoulli DropConnect: m = Bernoulli(keep)/keep on each weight, resampled every step. */
    record Bernoulli(Expr keep, int every) implements Strategy {}

    /** Gaussian multiplicative noise m = 1 + sqrt(variance) * N(0, 1). */
    record Gaussian(Expr variance, int every) implements Strategy {}

    /** Adaptive Tikhonov: the penalty (1 - keep)/(2 keep) * w^2 with keep frozen each step; no noise. */
    record Tikhonov(Expr keep, double minKeep) implements Strategy {}

    /** Adaptive prox: after each optimizer step, w <- keep * w. */
    record Prox(Expr keep, ProxScale scale) implements Strategy {}

    /** The eta-trick: eta = lambda * exp(theta) learned with w under the cost (lambda/2)(w^2/eta + f(eta)). */
    record EtaTrick(Dual dual, double init, double decay) implements Strategy {}

    /** Variational dropout (Molchanov et al. 2017); log sigma or log alpha starts at -5, as in the paper. */
    record Variational(Reparam reparam, double threshold) implements Strategy {}

    /** Hard-concrete L0 gates (Louizos et al. 2018). */
    record HardConcrete(double beta, double gamma, double zeta, double init) implements Strategy {}

    /** Gradual magnitude pruning (Zhu and Gupta 2017) to a target fraction pruned. */
    record Magnitude(double target, RampSchedule schedule, int fromEpoch, int toEpoch, int every) implements Strategy {}

    /**
     * A dual cost f(eta) in the symbol {@code eta}, given as f or as its derivative f' (at least one is
     * present), and the eta(w) of the rule it came from, if any (then f'(eta) = (w_hat(eta)/eta)^2, with
     * w_hat the inverse of eta(w): the envelope theorem).
     */
    record Dual(Optional<Expr> f, Optional<Expr> derivative, Optional<Expr> eta, Optional<RuleRef> rule) {}

    /** Step size of the prox: lr (plain SGD scaling) or lr / sqrt(v_hat) of Adam. */
    enum ProxScale {
        SGD,
        ADAM
    }

    /** Variational dropout's parameterization. */
    enum Reparam {
        ADDITIVE,
        LOCAL,
        NONE
    }

    /** How gradual magnitude pruning ramps up. */
    enum RampSchedule {
        CUBIC,
        LINEAR
    }
}

package spd.compiler.penalty;

import java.util.Objects;
import java.util.Optional;
import spd.compiler.sym.Expr;

/**
 * The masking or penalty rule an effective penalty is derived from. Expressions use the symbol {@code w} for the
 * weight, {@code eta} for the reweighting rule eta(w) (in keep and variance expressions), {@code lr} for the learning
 * rate, and named constants.
 */
public sealed interface Rule {

    /** An adaptive reweighting eta_hat(w), given directly ({@code eta(w) = |w|*(|w| + eps)}). */
    record EtaRule(Expr eta) implements Rule {
        public EtaRule {
            Objects.requireNonNull(eta, "eta");
        }
    }

    /**
     * A keep probability for a scaled-Bernoulli mask, an adaptive Tikhonov term or a proximal shrinkage.
     *
     * @param keep the keep probability, in {@code w}, or in {@code eta} (and {@code lr}) when {@code eta} is present
     * @param eta the reweighting rule eta(w) that the symbol {@code eta} in {@code keep} stands for, if any
     * @param minKeep the floor {@code min_keep} on the keep probability, if any
     * @param adamScaled whether the proximal step is scaled by Adam's second moment ({@code scale adam})
     */
    record KeepRule(MaskKind kind, Expr keep, Optional<Expr> eta, Optional<Expr> minKeep, boolean adamScaled)
            implements Rule {
        public KeepRule {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(keep, "keep");
            Objects.requireNonNull(eta, "eta");
            Objects.requireNonNull(minKeep, "minKeep");
        }
    }

    /** Which mask family a keep probability drives. */
    enum MaskKind {
        /** m = Bernoulli(keep)/keep on every weight; penalty in expectation. */
        BERNOULLI,
        /** The expected-loss term (1 - keep)/(2 keep) * w^2 with keep frozen; no noise. */
        TIKHONOV,
        /** After each step w &lt;- keep * w: the proximal step of the reweighted Tikhonov term. */
        PROX
    }

    /** A Gaussian multiplicative mask N(1, variance), the variance in {@code w} or {@code eta}. */
    record VarianceRule(Expr variance, Optional<Expr> eta) implements Rule {
        public VarianceRule {
            Objects.requireNonNull(variance, "variance");
            Objects.requireNonNull(eta, "eta");
        }
    }

    /** A penalty omega(w) given directly: the reverse direction derives its adaptive rule. */
    record PenaltyRule(Expr omega, Optional<Expr> weight) implements Rule {
        public PenaltyRule {
            Objects.requireNonNull(omega, "omega");
            Objects.requireNonNull(weight, "weight");
        }
    }

    /** A dual (mask-cost) function in {@code eta}: f(eta), or its derivative f'(eta) when {@code isDerivative}. */
    record DualRule(Expr f, boolean isDerivative) implements Rule {
        public DualRule {
            Objects.requireNonNull(f, "f");
        }
    }

    /** Variational dropout (Molchanov et al.), with the exact or the approximate KL divergence. */
    record VariationalDropout(KlForm kl) implements Rule {
        public VariationalDropout {
            Objects.requireNonNull(kl, "kl");
        }
    }

    /** The KL divergence variational dropout uses. */
    enum KlForm {
        /** The exact KL to the log-uniform prior, through Dawson's function. */
        EXACT,
        /** Molchanov's approximation with k1, k2, k3. */
        APPROXIMATE
    }

    /** Hard-concrete L0 gates (Louizos et al.) with temperature beta and stretch interval (gamma, zeta). */
    record HardConcrete(Expr beta, Expr gamma, Expr zeta) implements Rule {
        public HardConcrete {
            Objects.requireNonNull(beta, "beta");
            Objects.requireNonNull(gamma, "gamma");
            Objects.requireNonNull(zeta, "zeta");
        }
    }

    /** Gradual magnitude pruning to a target sparsity (a non-separable constraint, not a penalty). */
    record MagnitudePruning(Expr target) implements Rule {
        public MagnitudePruning {
            Objects.requireNonNull(target, "target");
        }
    }

    /** No mask and no penalty. */
    record NoRegularization() implements Rule {}
}

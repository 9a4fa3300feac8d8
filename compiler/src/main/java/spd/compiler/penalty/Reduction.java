package spd.compiler.penalty;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import spd.compiler.numeric.DualDefinedRule;
import spd.compiler.sym.Expr;

/**
 * What the first stage reduces a rule to: the adaptive reweighting eta_hat the rest of the derivation starts from, in
 * closed form when the algebra allows it, else the numerics that evaluate it.
 */
public sealed interface Reduction {

    /**
     * eta_hat in closed form: Omega(w) = int_0^|w| t/eta_hat(t) dt is derived symbolically.
     *
     * @param etaW eta_hat in w
     * @param etaT eta_hat in t = |w|, normalised for t > 0
     * @param etaForms etaT first, then forms of the same function that evaluate where it overflows (the rule as
     *     written); numerics use the sharpest where they disagree
     * @param keepW the keep probability in w, when the rule has one
     * @param keepScale s in keep = eta/(eta + s): lambda, or lr*lambda for a proximal step
     */
    record ToEta(Expr etaW, Expr etaT, List<Expr> etaForms, Optional<Expr> keepW, double keepScale)
            implements Reduction {
        public ToEta {
            Objects.requireNonNull(etaW, "etaW");
            Objects.requireNonNull(etaT, "etaT");
            etaForms = List.copyOf(etaForms);
            Objects.requireNonNull(keepW, "keepW");
        }
    }

    /**
     * The reverse direction: Omega is given in closed form and eta_hat(w) = w/Omega'(w) implements it.
     *
     * @param omegaT Omega in t, with Omega(0) = 0
     * @param derivativeT Omega'(t) = t/eta_hat(t)
     * @param etaForms etaT first, then t/Omega'(t) of the penalty as written, for evaluation where etaT overflows
     */
    record FromPenalty(Expr omegaT, Expr derivativeT, Expr etaW, Expr etaT, List<Expr> etaForms, Expr keepW)
            implements Reduction {
        public FromPenalty {
            Objects.requireNonNull(omegaT, "omegaT");
            Objects.requireNonNull(derivativeT, "derivativeT");
            Objects.requireNonNull(etaW, "etaW");
            Objects.requireNonNull(etaT, "etaT");
            etaForms = List.copyOf(etaForms);
            Objects.requireNonNull(keepW, "keepW");
        }
    }

    /**
     * A dual whose stationarity condition has no symbolic inverse: eta_hat by root finding, Omega by the eta-trick.
     *
     * @param f the dual in closed form, when the rule gave f rather than only f'
     */
    record NumericDual(DualDefinedRule rule, Optional<Expr> f) implements Reduction {
        public NumericDual {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(f, "f");
        }
    }

    /**
     * Variational dropout, by its dedicated numerics.
     *
     * @param lambda the lambda the penalty is derived at (1 when the file gives none)
     * @param keepScale s in keep = eta/(eta + s): the file's lambda
     */
    record VariationalDropout(
            spd.compiler.numeric.VariationalDropout numerics, Rule.KlForm kl, double lambda, double keepScale)
            implements Reduction {
        public VariationalDropout {
            Objects.requireNonNull(numerics, "numerics");
            Objects.requireNonNull(kl, "kl");
        }
    }

    /**
     * Hard-concrete L0 gates, by their dedicated numerics.
     *
     * @param lambda the lambda the penalty is derived at (1 when the file gives none)
     * @param keepScale s in keep = eta/(eta + s): the file's lambda
     */
    record HardConcrete(
            spd.compiler.numeric.HardConcrete gates, Rule.HardConcrete rule, double lambda, double keepScale)
            implements Reduction {
        public HardConcrete {
            Objects.requireNonNull(gates, "gates");
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** No per-weight penalty (magnitude pruning, no regularisation): the result is known once the rule is read. */
    record NoPenalty(Penalty penalty, Dual dual, PenaltyFunctions functions, List<Property> properties)
            implements Reduction {
        public NoPenalty {
            Objects.requireNonNull(penalty, "penalty");
            Objects.requireNonNull(dual, "dual");
            Objects.requireNonNull(functions, "functions");
            properties = List.copyOf(properties);
        }
    }
}

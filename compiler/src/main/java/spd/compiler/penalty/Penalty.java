package spd.compiler.penalty;

import java.util.Objects;
import spd.compiler.sym.Expr;

/** The effective penalty Omega(w) a derivation arrived at. */
public sealed interface Penalty {

    /**
     * A closed form in w (and the symbolic constants), with Omega(0) = 0.
     *
     * @param omega the penalty per weight, Omega(w)
     */
    record ClosedForm(Expr omega) implements Penalty {
        public ClosedForm {
            Objects.requireNonNull(omega, "omega");
        }
    }

    /**
     * No closed form was found: Omega is evaluated numerically (by quadrature, or from the dual), with error estimates.
     *
     * @param method how the values are computed, for the report
     */
    record Numeric(String method) implements Penalty {
        public Numeric {
            Objects.requireNonNull(method, "method");
        }
    }

    /** Omega is infinite for every w != 0: the dropout iteration collapses to w = 0. */
    record Divergent(String explanation) implements Penalty {
        public Divergent {
            Objects.requireNonNull(explanation, "explanation");
        }
    }

    /** The rule does not act weight by weight (magnitude pruning): there is no Omega(w), only a constraint. */
    record NotSeparable(String explanation) implements Penalty {
        public NotSeparable {
            Objects.requireNonNull(explanation, "explanation");
        }
    }

    /** No regularisation: Omega = 0. */
    record None() implements Penalty {}
}

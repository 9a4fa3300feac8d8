package spd.compiler.penalty;

import java.util.Objects;
import spd.compiler.sym.Expr;

/** The dual (mask-cost) function f(eta) = sup_w [2 Omega(w) - w^2/eta], normalised so that f(0+) = 0. */
public sealed interface Dual {

    /** f in closed form, in the symbol {@code eta}. */
    record ClosedForm(Expr f) implements Dual {
        public ClosedForm {
            Objects.requireNonNull(f, "f");
        }
    }

    /** f evaluated numerically; the method says how. */
    record Numeric(String method) implements Dual {
        public Numeric {
            Objects.requireNonNull(method, "method");
        }
    }

    /** No dual: the reason says why (divergent or non-separable penalty, not an eta-trick). */
    record Unavailable(String reason) implements Dual {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

package spd.compiler.penalty;

import java.util.Objects;
import spd.compiler.sym.Expr;

/** The right-hand side of a derivation step, as data: the printer renders it as text, LaTeX or JSON. */
public sealed interface Formula {

    /** An expression of spd's algebra. */
    record Expression(Expr value) implements Formula {
        public Expression {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A quotient shown as written, before it is cancelled (e.g. t/(t (t + eps))). */
    record Quotient(Expr numerator, Expr denominator) implements Formula {
        public Quotient {
            Objects.requireNonNull(numerator, "numerator");
            Objects.requireNonNull(denominator, "denominator");
        }
    }

    /** int_0^|w| integrand dt, the integrand in t. */
    record Integral(Formula integrand) implements Formula {
        public Integral {
            Objects.requireNonNull(integrand, "integrand");
        }
    }

    /** A statement that is not an expression, by name. */
    record Standard(StandardFormula which) implements Formula {
        public Standard {
            Objects.requireNonNull(which, "which");
        }
    }

    /** The formula with every expression mapped (e.g. from t to |w|); integrals keep their variable t. */
    default Formula mapExpressions(java.util.function.UnaryOperator<Expr> f) {
        return switch (this) {
            case Expression e -> new Expression(f.apply(e.value()));
            case Quotient q -> new Quotient(f.apply(q.numerator()), f.apply(q.denominator()));
            case Integral i -> i;
            case Standard s -> s;
        };
    }
}

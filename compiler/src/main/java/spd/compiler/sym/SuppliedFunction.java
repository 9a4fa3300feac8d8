package spd.compiler.sym;

import java.util.List;
import java.util.Optional;

/**
 * A function the symbolic core treats as opaque: it has no simplification, integration or asymptotic rules, and is
 * evaluated, bounded and differentiated only through the hooks its supplier implements. Rules' numeric duals are of
 * this kind; the language's function table supplies them, so the core never names a particular one.
 */
public non-sealed interface SuppliedFunction extends MathFunction {
    /** An interval that contains every value of the function (used by interval arithmetic). */
    Interval range();

    /**
     * The derivative in the first argument at {@code args}, or empty when it is known only numerically. The other
     * arguments are parameters: the core never differentiates in them.
     */
    Optional<Expr> derivative(List<Expr> args);

    /** The value at {@code args} when it is exact (e.g. f(0) = 0), which the canonical form then uses. */
    default Optional<Expr> exactValue(List<Expr> args) {
        return Optional.empty();
    }
}

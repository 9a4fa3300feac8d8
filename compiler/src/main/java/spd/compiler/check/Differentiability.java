package spd.compiler.check;

import java.util.Collections;
import java.util.Optional;
import spd.compiler.ast.Expr;
import spd.compiler.lang.Functions;
import spd.compiler.sym.SuppliedFunction;

/** Finds the calls of functions known only numerically (no derivative), which a trained penalty cannot contain. */
final class Differentiability {
    private Differentiability() {}

    /** The first call in {@code e} of a function without a symbolic derivative, if any. */
    static Optional<Expr.Call> numericOnlyCall(Expr e) {
        return switch (e) {
            case Expr.Num n -> Optional.empty();
            case Expr.Infinity i -> Optional.empty();
            case Expr.Name n -> Optional.empty();
            case Expr.Negate n -> numericOnlyCall(n.operand());
            case Expr.Abs a -> numericOnlyCall(a.operand());
            case Expr.Binary b -> numericOnlyCall(b.left()).or(() -> numericOnlyCall(b.right()));
            case Expr.Call c ->
                isNumericOnly(c)
                        ? Optional.of(c)
                        : c.arguments().stream()
                                .map(a -> numericOnlyCall(a.value()))
                                .flatMap(Optional::stream)
                                .findFirst();
            case Expr.Piecewise p ->
                p.cases().stream()
                        .map(k -> numericOnlyCall(k.value())
                                .or(() -> k.when()
                                        .flatMap(w -> numericOnlyCall(w.left()).or(() -> numericOnlyCall(w.right())))))
                        .flatMap(Optional::stream)
                        .findFirst();
        };
    }

    private static boolean isNumericOnly(Expr.Call call) {
        return Functions.byName(call.function().name()).orElse(null) instanceof SuppliedFunction f
                && f.derivative(Collections.nCopies(f.arity(), spd.compiler.sym.Expr.symbol("x")))
                        .isEmpty();
    }
}

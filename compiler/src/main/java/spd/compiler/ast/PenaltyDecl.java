package spd.compiler.ast;

import java.util.List;
import java.util.Optional;
import spd.compiler.source.Span;

/**
 * A classical penalty: {@code penalty omega(w) = log(1 + |w|/eps) weight lambda} or
 * {@code penalty scad(a: 3.7, lambda: 1) weight lambda}. Exactly one of definition and rule is present.
 */
public record PenaltyDecl(
        Optional<FunctionDef> definition,
        Optional<Expr.Call> rule,
        Optional<Expr> weight,
        List<LayerTarget> targets,
        Span span)
        implements Statement {
    public PenaltyDecl {
        targets = List.copyOf(targets);
    }
}

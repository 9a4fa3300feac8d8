package spd.compiler.ast;

import java.util.List;
import spd.compiler.source.Span;

/** {@code prune keep < 0.05}: when a weight counts as zero (and is zeroed at evaluation). */
public record PruneDecl(Expr.Condition condition, List<LayerTarget> targets, Span span) implements Statement {
    public PruneDecl {
        targets = List.copyOf(targets);
    }
}

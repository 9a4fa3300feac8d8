package spd.compiler.ast;

import java.util.List;
import spd.compiler.source.Span;

/** A layer named after {@code on}, with per-layer constants: {@code fc1(lambda = 1e-4)}. */
public record LayerTarget(Ident layer, List<Expr.Argument> overrides, Span span) {
    public LayerTarget {
        overrides = List.copyOf(overrides);
    }
}

package spd.compiler.ast;

import java.util.List;
import spd.compiler.source.Span;

/** {@code mask bernoulli { keep = eta / (eta + lambda) } on fc1, fc2}. */
public record MaskBlock(Ident kind, List<MaskItem> items, List<LayerTarget> targets, Span span) implements Statement {
    public MaskBlock {
        items = List.copyOf(items);
        targets = List.copyOf(targets);
    }
}

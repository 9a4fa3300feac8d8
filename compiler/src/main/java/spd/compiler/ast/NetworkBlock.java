package spd.compiler.ast;

import java.util.List;
import spd.compiler.source.Span;

/** {@code network { input 784  dense 300 relu  ...  loss cross_entropy }}. */
public record NetworkBlock(List<LayerDecl> layers, Span span) implements Statement {
    public NetworkBlock {
        layers = List.copyOf(layers);
    }
}

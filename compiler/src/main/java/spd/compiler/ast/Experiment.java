package spd.compiler.ast;

import java.util.List;
import spd.compiler.source.Span;

/** An {@code experiment name { ... }} block and its statements in source order. */
public record Experiment(Ident name, List<Statement> statements, Span span) {
    public Experiment {
        statements = List.copyOf(statements);
    }

    /** The statements of one kind, in source order. */
    public <T extends Statement> List<T> all(Class<T> kind) {
        return statements.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}

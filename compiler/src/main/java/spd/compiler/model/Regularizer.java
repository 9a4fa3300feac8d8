package spd.compiler.model;

import java.util.List;

/** One mask or penalty statement, resolved: what it does and which layers it acts on. */
public record Regularizer(Strategy strategy, List<Target> targets, SourceRef at) {
    public Regularizer {
        targets = List.copyOf(targets);
    }
}

package spd.compiler.ast;

import java.util.List;
import java.util.Optional;
import spd.compiler.source.Span;

/** {@code train adam(lr = 1e-3) { epochs 200, batch 128, schedule linear_decay, seed 42 }}. */
public record TrainBlock(Optional<Expr.Call> optimizer, List<Setting> settings, Span span) implements Statement {
    public TrainBlock {
        settings = List.copyOf(settings);
    }
}

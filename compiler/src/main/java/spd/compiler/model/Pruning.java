package spd.compiler.model;

import java.util.List;

/** When a weight counts as zero, and is zeroed at evaluation: keep &lt; t, |w| &lt; t or log alpha &gt; t. */
public record Pruning(Quantity quantity, double threshold, List<String> layers, SourceRef at) {
    public Pruning {
        layers = List.copyOf(layers);
    }

    /** What a prune rule compares. */
    public enum Quantity {
        KEEP,
        ABS_W,
        LOG_ALPHA
    }
}

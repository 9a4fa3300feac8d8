package spd.runtime.nn;

import java.util.List;

/** An image read as a vector, channel by channel and row by row (its C-order storage: no copy). */
public record FlattenSpec(ImageShape input) implements LayerSpec {
    @Override
    public List<Integer> outputShape() {
        return List.of(input.size());
    }
}

package spd.runtime.duality;

import java.util.ArrayList;
import java.util.List;
import spd.runtime.nn.WeightedLayer;
import spd.runtime.reg.LayerRegularizer;
import spd.runtime.reg.Regularizer;

/** A regularizer that delegates to another and remembers the layers it was attached to, so a test can read them. */
record Capturing(Regularizer inner, List<WeightedLayer> layers) implements Regularizer {
    Capturing(Regularizer inner) {
        this(inner, new ArrayList<>());
    }

    @Override
    public String kind() {
        return inner.kind();
    }

    @Override
    public LayerRegularizer attach(WeightedLayer layer) {
        layers.add(layer);
        return inner.attach(layer);
    }
}

package spd.runtime.reg;

import spd.runtime.nn.WeightedLayer;

/** The neutral state of a layer without a regularizer: every hook keeps its default. */
public record Unregularized(WeightedLayer layer) implements LayerRegularizer {}

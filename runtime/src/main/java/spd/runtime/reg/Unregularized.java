package spd.runtime.reg;

import spd.runtime.nn.Dense;

/** The neutral state of a layer without a regularizer: every hook keeps its default. */
public record Unregularized(Dense layer) implements LayerRegularizer {}

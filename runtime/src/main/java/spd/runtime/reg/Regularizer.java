package spd.runtime.reg;

import spd.runtime.nn.WeightedLayer;

/**
 * A declared, stateless regularizer (masking rule or penalty) for one or more dense layers. The trainer
 * attaches it to each layer it targets, which creates the per-layer state that does the work.
 *
 * <p>This interface is deliberately open (not sealed): new rules plug in by implementing it and {@link
 * LayerRegularizer}, without changes to the trainer.
 */
public interface Regularizer {
    /** A short, stable name of the rule for manifests and logs, e.g. {@code bernoulli}. */
    String kind();

    /** Creates the per-layer state of this rule for {@code layer}; called once per layer before training. */
    LayerRegularizer attach(WeightedLayer layer);
}

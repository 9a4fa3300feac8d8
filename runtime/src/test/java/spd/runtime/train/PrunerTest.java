package spd.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.base.RunException;
import spd.runtime.nn.Activation;
import spd.runtime.nn.Dense;
import spd.runtime.nn.DenseSpec;
import spd.runtime.prune.Pruning;
import spd.runtime.reg.LayerRegularizer;
import spd.runtime.reg.Unregularized;

/** Pruning really zeroes the weights evaluation uses, and counts them. */
class PrunerTest {
    /** An unregularized 2x3 layer with the given weights, as the regularizer attached to it. */
    private static LayerRegularizer layer(float... weights) {
        Dense layer = Dense.initialised(new DenseSpec("fc1", 2, 3, Activation.NONE, true), 1);
        layer.weights().assign(Nd4j.create(weights, new long[] {2, 3}, 'c'));
        LayerRegularizer rule = new Unregularized(layer);
        layer.attach(rule);
        return rule;
    }

    @Test
    void keepBelowZeroesExactlyTheWeightsWithSmallKeep() {
        LayerRegularizer layer = layer(0.5f, -0.01f, 0.2f, 0.001f, -0.3f, 0.04f);
        var pruned = Pruner.prunedWeights(
                layer,
                Pruning.keepBelow(
                        w -> org.nd4j.linalg.ops.transforms.Transforms.abs(w, true)
                                .muli(10),
                        0.3));
        assertArrayEquals(
                new float[] {0.5f, 0f, 0.2f, 0f, -0.3f, 0.04f}, pruned.data().asFloat());
        assertEquals(4, Pruner.countNonzero(pruned));
        assertArrayEquals(
                new float[] {0.5f, -0.01f, 0.2f, 0.001f, -0.3f, 0.04f},
                layer.layer().weights().data().asFloat(),
                "the training weights are untouched");
    }

    @Test
    void magnitudeBelowAndNone() {
        LayerRegularizer layer = layer(0.5f, -0.01f, 0.2f, 0f, -0.3f, 0.04f);
        assertEquals(3, Pruner.countNonzero(Pruner.prunedWeights(layer, Pruning.magnitudeBelow(0.1))));
        assertEquals(5, Pruner.countNonzero(Pruner.prunedWeights(layer, Pruning.none())), "exact zeros count as zero");
    }

    @Test
    void aRuleThatNeedsALearnedKeepExplainsWhenTheRegularizerHasNone() {
        LayerRegularizer layer = layer(1, 2, 3, 4, 5, 6);
        RunException error =
                assertThrows(RunException.class, () -> Pruner.check(layer, Pruning.learnedKeepBelow(0.05)));
        assertEquals(true, error.getMessage().contains("fc1"), error.getMessage());
    }
}

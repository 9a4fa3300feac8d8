package spd.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PyTorch's default Linear initialisation, seeded. */
class DenseTest {
    @Test
    void weightsAndBiasesAreUniformOnPlusMinusOneOverSqrtFanIn() {
        Dense layer = Dense.initialised(new DenseSpec("fc1", 784, 300, Activation.RELU, true), 3);
        double bound = 1 / Math.sqrt(784);
        float[] w = layer.weights().data().asFloat();
        double sum = 0;
        double squares = 0;
        for (float value : w) {
            assertTrue(Math.abs(value) <= bound, "weight " + value + " outside the bound " + bound);
            sum += value;
            squares += value * value;
        }
        assertEquals(0, sum / w.length, 4 * bound / Math.sqrt(3 * w.length));
        assertEquals(bound * bound / 3, squares / w.length, 0.01 * bound * bound);
        for (float value : layer.bias().value().data().asFloat()) {
            assertTrue(Math.abs(value) <= bound);
        }
    }

    @Test
    void theSeedDecidesTheInitialisation() {
        DenseSpec spec = new DenseSpec("fc1", 20, 10, Activation.NONE, false);
        assertEquals(
                Dense.initialised(spec, 5).weights(), Dense.initialised(spec, 5).weights());
        assertNotEquals(
                Dense.initialised(spec, 5).weights(), Dense.initialised(spec, 6).weights());
        assertEquals(null, Dense.initialised(spec, 5).bias());
    }
}

package spd.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The description the checker asks data sources for: shapes, classes, regression outputs. */
class DataDescriptionTest {

    @Test
    void mnistIsOneChannelOf28By28WithTenClasses() {
        DataDescription mnist = DataSpec.mnist(0.2).describe();
        assertEquals(List.of(1, 28, 28), mnist.featureShape());
        assertEquals(784, mnist.features());
        assertTrue(mnist.isClassification());
        assertEquals(10, mnist.outputs());
    }

    @Test
    void linearDataHasDFeaturesAndOneValue() {
        DataDescription linear = DataSpec.linear(100, 7, 2, 0.1, 0).describe();
        assertEquals(List.of(7), linear.featureShape());
        assertFalse(linear.isClassification());
        assertEquals(1, linear.outputs());
        assertEquals("[7] -> 1 value", linear.summary());
    }

    @Test
    void rejectsDescriptionsThatAreNeitherClassificationNorRegression() {
        assertThrows(IllegalArgumentException.class, () -> new DataDescription(List.of(3), 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new DataDescription(List.of(3), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> DataDescription.classification(List.of(0, 3), 2));
    }
}

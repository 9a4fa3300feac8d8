package spd.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Axis ranges, ticks and labels: "nice" values, decades, and bounded work on any range. */
class ScaleTest {
    @Test
    void linearTicksAreOneTwoOrFiveTimesAPowerOfTen() {
        Scale scale = Scale.of(Axis.linear("w"), 0, 5);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, scale.ticks(), 1e-12);
        assertArrayEquals(new String[] {"0", "1", "2", "3", "4", "5"}, scale.labels());
        assertArrayEquals(
                new String[] {"0.10", "0.15", "0.20", "0.25"},
                Scale.of(Axis.linear("e"), 0.1, 0.25).labels());
    }

    @Test
    void percentLabelsAndAFixedStart() {
        Scale scale = Scale.of(Axis.linear("error").from(0).asPercent(), 0.02, 0.08);
        assertEquals(0, scale.lo());
        assertEquals("0%", scale.labels()[0]);
        assertEquals("8%", scale.labels()[scale.labels().length - 1]);
        assertArrayEquals(
                new String[] {"0%", "0.5%", "1.0%", "1.5%", "2.0%"},
                Scale.of(Axis.linear("error").asPercent(), 0, 0.02).labels());
    }

    @Test
    void wholeNumberTicksForEpochs() {
        assertArrayEquals(
                new String[] {"1", "2", "3"},
                Scale.of(Axis.linear("epoch").wholeNumbers(), 1, 3).labels());
    }

    @Test
    void largeOrTinyValuesGetScientificLabels() {
        Scale huge = Scale.of(Axis.linear("loss"), 5.2e10, 1.3e36);
        assertEquals("0", huge.labels()[0]);
        assertTrue(huge.labels()[huge.labels().length - 1].endsWith("e36"), String.join(" ", huge.labels()));
        Scale tiny = Scale.of(Axis.linear("x"), 1e-7, 2e-7);
        assertEquals("1.0e-7", tiny.labels()[0]);
    }

    @Test
    void aCapCutsTheAxis() {
        assertEquals(12, Scale.of(Axis.linear("y").cappedAt(12), 0, 100).hi());
    }

    @Test
    void logarithmicAxesShowDecadesAndOneTwoFiveWhenShort() {
        Scale wide = Scale.of(Axis.logarithmic("|w|"), 0.01, 5);
        assertArrayEquals(new String[] {"0.01", "0.1", "1", "10"}, wide.labels());
        Scale shortAxis = Scale.of(Axis.logarithmic("nonzero"), 0.02, 0.9);
        assertArrayEquals(new String[] {"0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"}, shortAxis.labels());
        assertEquals(0.5, Scale.of(Axis.logarithmic("x"), 1, 100).fraction(10), 1e-12);
    }

    @Test
    void manyDecadesAreThinnedAndExtremesStayFinite() {
        Scale scale = Scale.of(Axis.logarithmic("x"), 1e-320, 1e300);
        assertTrue(scale.ticks().length <= 12, scale.ticks().length + " ticks");
        assertTrue(Double.isFinite(scale.fraction(1e-320)) && Double.isFinite(scale.fraction(1e300)));
        assertEquals("1e-7", TickLabels.decade(1, -7));
    }

    @Test
    void noRangeSpinsOrOverflows() {
        double[][] ranges = {
            {1e16, 1e16 + 2},
            {-1e300, 1e300},
            {0, 0},
            {7, 7},
            {0, Double.MIN_VALUE},
            {-1e-300, 1e-300},
            {1e299, 1e300},
            {Double.NaN, Double.NaN}
        };
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (double[] r : ranges) {
                for (Axis axis : new Axis[] {
                    Axis.linear("y"),
                    Axis.linear("y").includingZero(),
                    Axis.linear("y").asPercent(),
                    Axis.linear("y").wholeNumbers()
                }) {
                    Scale scale = Scale.of(axis, r[0], r[1]);
                    assertTrue(
                            scale.ticks().length >= 2 && scale.ticks().length <= 12,
                            axis + " on " + r[0] + ".." + r[1]);
                    assertTrue(scale.hi() > scale.lo() && Double.isFinite(scale.hi() - scale.lo()), r[0] + ".." + r[1]);
                }
            }
        });
    }
}

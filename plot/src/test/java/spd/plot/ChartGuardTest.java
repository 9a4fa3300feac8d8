package spd.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ChartGuardTest {
    @Test
    void infiniteAndAstronomicalValuesBecomeGaps() {
        double[] drawn = ChartGuard.plottable(new double[] {1.5, Double.POSITIVE_INFINITY, -1e308, 1e36, Double.NaN});
        assertArrayEquals(new double[] {1.5, Double.NaN, Double.NaN, 1e36, Double.NaN}, drawn);
        assertTrue(ChartGuard.isDrawable(-ChartGuard.LARGEST_DRAWN));
        assertFalse(ChartGuard.isDrawable(Math.nextUp(ChartGuard.LARGEST_DRAWN)));
    }

    @Test
    void aDrawingThatDoesNotFinishIsAbandonedAtItsDeadline() {
        long start = System.nanoTime();
        assertThrows(
                TimeoutException.class,
                () -> ChartGuard.drawWithin(Duration.ofMillis(200), () -> {
                    while (true) {
                        Thread.onSpinWait(); // a drawing that ignores interruption
                    }
                }));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "returned at the deadline");
    }

    @Test
    void aDrawingsIoErrorReachesTheCaller() {
        IOException error = assertThrows(
                IOException.class,
                () -> ChartGuard.drawWithin(Duration.ofSeconds(10), () -> {
                    throw new IOException("disk full");
                }));
        assertEquals("disk full", error.getMessage());
    }
}

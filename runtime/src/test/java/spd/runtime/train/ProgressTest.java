package spd.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 9's console for scripts: one clean line per epoch, a heartbeat in long epochs, no redraws. */
class ProgressTest {
    private static EpochMetrics epoch(int number) {
        return new EpochMetrics(number, 1e-3, 0.25, 0.9, 0.3, 0.95, 0.125, Map.of("fc1", 0.125), 12_345, 1.5);
    }

    private static void drive(Progress progress, int epochs, int steps) {
        for (int e = 0; e < epochs; e++) {
            progress.startEpoch(e, epochs, steps, Double.NaN);
            for (int s = 0; s < steps; s++) {
                progress.step(0.5, 0.75, 1000);
            }
            progress.endEpoch(epoch(e + 1));
        }
        progress.close();
    }

    @Test
    void linesModeWritesOneCleanLinePerEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        drive(new LinesProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), Long.MAX_VALUE), 3, 50);
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(output.contains("\r"), "no carriage-return redraws");
        List<String> lines = output.lines().toList();
        assertEquals(3, lines.size(), output);
        assertEquals(
                "epoch 2/3: train loss 0.2500, validation error 5.00%, nonzero 12.50%, 12,345 samples/s, 1.50 s",
                lines.get(1));
    }

    @Test
    void aLongEpochGetsHeartbeatLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        drive(new LinesProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0), 1, 4);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(5, lines.size(), "a heartbeat per step at interval 0, then the epoch: " + lines);
        assertEquals("epoch 1/1: 2 of 4 steps (50%), loss 0.5000, accuracy 75.00%, 1,000 samples/s", lines.get(1));
    }

    @Test
    void autoMeansABarOnATerminalAndLinesElsewhere() {
        String before = System.getProperty(ProgressMode.TERMINAL_PROPERTY);
        try {
            System.setProperty(ProgressMode.TERMINAL_PROPERTY, "true");
            assertEquals(ProgressMode.BAR, ProgressMode.AUTO.resolved());
            System.setProperty(ProgressMode.TERMINAL_PROPERTY, "false");
            assertEquals(ProgressMode.LINES, ProgressMode.AUTO.resolved());
            assertEquals(ProgressMode.NONE, ProgressMode.NONE.resolved());
            assertTrue(Progress.of(ProgressMode.AUTO) instanceof LinesProgress);
        } finally {
            if (before == null) {
                System.clearProperty(ProgressMode.TERMINAL_PROPERTY);
            } else {
                System.setProperty(ProgressMode.TERMINAL_PROPERTY, before);
            }
        }
    }
}

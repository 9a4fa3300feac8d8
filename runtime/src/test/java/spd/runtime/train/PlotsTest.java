package spd.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's plots are drawn in bounded time whatever numbers a diverging run leaves in its history. */
class PlotsTest {
    @Test
    void aDivergingRegressionRunsLossesAreDrawnInSeconds(@TempDir Path dir) throws Exception {
        // The training losses of issue 15's diverging run (XChart, the renderer then, spun for minutes on 1e36),
        // then what else a run can hold: infinity, NaN and values past what any chart can scale to.
        double[] losses = {5.2e10, 6.5e24, 1.3e36, Double.POSITIVE_INFINITY, Double.NaN, -1e300, Double.MAX_VALUE};
        List<EpochMetrics> history = new ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            history.add(new EpochMetrics(
                    i + 1, 3.0, losses[i], Double.NaN, Double.NaN, Double.NaN, 1.0, Map.of("fc1", 1.0), 100, 0.1));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Plots.write(dir, "linear_diverging", history));
        for (String plot : List.of(Plots.NONZERO, Plots.VALIDATION)) {
            byte[] png = Files.readAllBytes(dir.resolve(plot + ".png"));
            assertEquals('P', png[1]);
            assertTrue(Files.readString(dir.resolve(plot + ".svg")).contains("<svg"));
        }
    }
}

package spd.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a sweep killed outright (SIGKILL) cannot stop its runs, and they must not go on writing as
 * orphans. Each run watches its standard input, which the sweep holds open and never writes; when the sweep
 * dies the input closes and the run stops itself, recorded as interrupted (resumable), with the reason.
 * (A sweep stopped politely, and the rerun that resumes it, are {@link EmbeddedSweepTest}'s.)
 */
class SweepKillTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRunsOfASweepKilledOutrightStopThemselvesResumably(@TempDir Path temp) throws Exception {
        Path out = temp.resolve("sweep");
        Path point = out.resolve("linear_adadrop/defaults/seed-7");
        Path log = temp.resolve("sweep.log");
        Process sweep = Sweeps.start(
                log,
                Map.of(),
                "sweep",
                Sweeps.root().resolve("examples/linear_adadrop.spd").toString(),
                "--epochs",
                "5000",
                "--out",
                out.toString());
        Sweeps.await(Duration.ofMinutes(3), "the point's run has a checkpoint", () -> Sweeps.midRun(point));
        List<ProcessHandle> runs = sweep.descendants().toList();
        assertFalse(runs.isEmpty(), "the sweep runs its point as a process");
        sweep.destroyForcibly(); // SIGKILL: the sweep can tell its run nothing
        assertTrue(sweep.waitFor(1, TimeUnit.MINUTES));
        Sweeps.await(
                Duration.ofMinutes(1),
                "no run outlives its sweep",
                () -> runs.stream().noneMatch(ProcessHandle::isAlive));
        JsonNode summary = JSON.readTree(point.resolve("summary.json").toFile());
        assertEquals("interrupted", summary.path("status").asText(), summary.toString());
        assertTrue(
                summary.path("message").asText().contains("the sweep that started it has ended"), summary.toString());
        assertTrue(
                Files.readString(point.resolve("run.log")).lines().anyMatch(line -> line.startsWith("epoch ")),
                "the run's log has one line per epoch");
    }
}

package spd.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's kill loop: a short linear run is killed with SIGKILL at random moments of its life (from its
 * first file to its exit: training, checkpoints, the final evaluation, the summary, the plots; one kill in each
 * of equal slices of that life) and each time
 * resumed; every resumed run must end with the bit-identical summary.json and metrics of an uninterrupted run,
 * and leave no temporary file. {@code -Dspd.killloop.kills=N} sets the number of kills (default 4, one per
 * quarter of the life, to keep CI short) and {@code -Dspd.killloop.seed=S} replays a sequence of kill moments.
 */
class KillLoopTest {
    private static final int EPOCHS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRunKilledAtRandomMomentsResumesToTheUninterruptedResult() throws Exception {
        Path reference = dir.resolve("reference");
        RunResult uninterrupted = Trainer.run(
                KillLoopFixture.experiment(EPOCHS), RunOptions.quiet().writingTo(reference));
        assertEquals(RunStatus.COMPLETED, uninterrupted.status());

        // One uninterrupted child: how long a run lives from its first file to its exit, and that a run in another
        // process ends exactly like one in this one.
        Path whole = dir.resolve("whole");
        Process child = KillLoopFixture.start(whole, "run", EPOCHS, dir.resolve("whole.log"));
        KillLoopFixture.awaitFile(whole.resolve(RunDirectory.MANIFEST), child, dir.resolve("whole.log"));
        long born = System.nanoTime();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child finishes");
        long lifetime = System.nanoTime() - born;
        assertSameResult(reference, whole);

        int kills = Integer.getInteger("spd.killloop.kills", 4);
        long seed = Long.getLong("spd.killloop.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        List<String> moments = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
            Path run = dir.resolve("run-" + k);
            Path log = dir.resolve("run-" + k + ".log");
            Process victim = KillLoopFixture.start(run, "run", EPOCHS, log);
            KillLoopFixture.awaitFile(run.resolve(RunDirectory.MANIFEST), victim, log);
            // Kill k falls in the k-th of `kills` equal slices of the life (plus 10%, past the exit): the moments
            // cover the epochs, the last checkpoint, the final evaluation and the summary, not only the longest phase.
            long slice = (lifetime + lifetime / 10) / kills;
            long delay = k * slice + random.nextLong(slice);
            TimeUnit.NANOSECONDS.sleep(delay);
            victim.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
            assertTrue(victim.waitFor(1, TimeUnit.MINUTES));
            moments.add("%.2f s: %s".formatted(delay / 1e9, state(run)));

            RunResult resumed = Trainer.resume(run, KillLoopFixture.experiment(EPOCHS), RunOptions.quiet());
            String context = "kill %d of seed %d at %s".formatted(k, seed, moments.getLast());
            assertEquals(RunStatus.COMPLETED, resumed.status(), context);
            assertEquals(uninterrupted.test(), resumed.test(), context);
            assertSameResult(reference, run);
            RunDirectoryTest.assertNoTemporaryFiles(run);
        }
        System.out.printf(
                "kill loop (seed %d, lifetime %.2f s): %s%n", seed, lifetime / 1e9, String.join("; ", moments));
    }

    /** What the killed process left: the status in its summary and the epochs in its checkpoint. */
    private static String state(Path run) throws Exception {
        Path summary = run.resolve(RunDirectory.SUMMARY);
        String status = Files.exists(summary)
                ? String.valueOf(JSON.readValue(summary.toFile(), Map.class).get("status"))
                : "no summary";
        String checkpoint = Files.exists(run.resolve(Checkpoint.FILE_NAME))
                ? Checkpoint.read(run).metadata().epochsCompleted() + "/" + EPOCHS + " epochs checkpointed"
                : "no checkpoint";
        try (var files = Files.list(run)) {
            long temporary = files.filter(f -> f.toString().endsWith(".tmp")).count();
            return status + ", " + checkpoint + (temporary > 0 ? ", " + temporary + " temporary file(s)" : "");
        }
    }

    /** The same summary bytes and the same metrics (all but the timing columns). */
    static void assertSameResult(Path expected, Path actual) throws Exception {
        assertArrayEquals(
                Files.readAllBytes(expected.resolve(RunDirectory.SUMMARY)),
                Files.readAllBytes(actual.resolve(RunDirectory.SUMMARY)),
                "summary.json of " + actual);
        assertEquals(deterministicMetrics(expected), deterministicMetrics(actual), "metrics.csv of " + actual);
    }

    private static List<String> deterministicMetrics(Path run) throws Exception {
        return Files.readAllLines(run.resolve(RunDirectory.METRICS)).stream()
                .map(line ->
                        String.join(",", Arrays.asList(line.split(",", -1)).subList(0, line.split(",", -1).length - 2)))
                .toList();
    }
}

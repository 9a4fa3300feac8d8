package spd.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spd sweep} without a cluster: the Spark engine embedded ({@code local[jobs]}), each point an
 * {@code spd run} process. Sweeps run as their own processes, so that a test can stop one as Ctrl-C does.
 */
class EmbeddedSweepTest {
    /** Long enough to stop a run in its first half, short enough for CI (a few seconds a run). */
    private static final int EPOCHS = 100;

    @Test
    void aStoppedSweepResumesOnRerunAndEveryPointEqualsASingleRun(@TempDir Path temp) throws Exception {
        Path out = temp.resolve("sweep");
        Map<Path, Path> points = Sweeps.pointDirectories(out);
        Process sweep = Sweeps.start(temp.resolve("first.log"), Map.of(), sweepArguments(out));
        Sweeps.await(
                Duration.ofMinutes(5),
                "a point is in the first half of its run",
                () -> points.values().stream().anyMatch(EmbeddedSweepTest::inFirstHalf));
        Path stopped = points.values().stream()
                .filter(EmbeddedSweepTest::inFirstHalf)
                .findFirst()
                .orElseThrow();
        List<ProcessHandle> runs = sweep.descendants().toList();
        sweep.destroy();
        assertTrue(sweep.waitFor(2, TimeUnit.MINUTES), "the stopped sweep exits");
        Sweeps.await(
                Duration.ofSeconds(30),
                "no run outlives its sweep",
                () -> runs.stream().noneMatch(ProcessHandle::isAlive));
        assertEquals("interrupted", Sweeps.status(stopped), "the stopped run records that it can be resumed");

        Path rerunLog = temp.resolve("rerun.log");
        Process rerun = Sweeps.start(rerunLog, Map.of(), sweepArguments(out));
        assertTrue(rerun.waitFor(5, TimeUnit.MINUTES), "the rerun finishes");
        String output = Files.readString(rerunLog);
        assertEquals(0, rerun.exitValue(), output);
        String experiment = stopped.getParent().getParent().getFileName().toString();
        assertTrue(
                output.lines().anyMatch(line -> line.contains(experiment) && line.endsWith("(resumed)")),
                "the stopped point resumes:\n" + output);
        for (String report : List.of("sweep.md", "sweep.csv", "pareto.png", "nonzero_vs_epoch.png")) {
            assertTrue(Files.exists(out.resolve(report)), report + " is written");
        }
        for (Map.Entry<Path, Path> point : points.entrySet()) {
            Path reference = Sweeps.referenceRun(
                    point.getKey(),
                    EPOCHS,
                    temp.resolve("reference")
                            .resolve(point.getValue().getParent().getParent().getFileName()));
            Sweeps.assertSameResults(reference, point.getValue());
        }
    }

    @Test
    void aFailingPointIsReportedByNameWhileTheOthersFinish(@TempDir Path temp) throws Exception {
        Path out = temp.resolve("sweep");
        Path log = temp.resolve("sweep.log");
        Path diverging = Path.of(
                EmbeddedSweepTest.class.getResource("/sweeps/diverging.spd").toURI());
        Process sweep = Sweeps.start(
                log,
                Map.of(),
                "sweep",
                diverging.toString(),
                Sweeps.root().resolve("examples/linear_lasso.spd").toString(),
                "--epochs",
                "5",
                "--jobs",
                "2",
                "--out",
                out.toString());
        assertTrue(sweep.waitFor(5, TimeUnit.MINUTES), "the sweep finishes");
        String output = Files.readString(log);
        assertEquals(1, sweep.exitValue(), "a failed point fails the sweep:\n" + output);
        assertTrue(
                output.lines()
                        .anyMatch(line -> line.contains("diverging seed 11: failed") && line.contains("diverged")),
                "the failing point is named with its reason:\n" + output);
        assertTrue(
                output.lines().anyMatch(line -> line.contains("linear_lasso seed 3: completed")),
                "the other point finishes:\n" + output);
        assertTrue(
                Files.readString(out.resolve("sweep.csv")).contains("linear_lasso"), "the table has the finished run");
    }

    private static String[] sweepArguments(Path out) {
        List<String> arguments = new java.util.ArrayList<>(List.of("sweep"));
        Sweeps.linearExamples().forEach(file -> arguments.add(file.toString()));
        arguments.addAll(List.of("--epochs", Integer.toString(EPOCHS), "--jobs", "2", "--out", out.toString()));
        return arguments.toArray(String[]::new);
    }

    private static boolean inFirstHalf(Path directory) {
        return Sweeps.inFirstHalf(directory, EPOCHS);
    }
}

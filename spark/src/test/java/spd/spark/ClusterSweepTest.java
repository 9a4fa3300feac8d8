package spd.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spd sweep --master spark://127.0.0.1:PORT} against a real Spark standalone cluster that the test starts,
 * losing its only worker in the middle of the sweep: no run of the lost worker goes on writing, and once a new
 * worker joins, the sweep finishes with every point equal to a plain {@code spd run}.
 */
class ClusterSweepTest {
    private static final int EPOCHS = 100;

    @Test
    void aSweepOnAClusterSurvivesLosingItsWorkerAndEqualsSingleRuns(@TempDir Path temp) throws Exception {
        Path out = temp.resolve("sweep");
        Map<Path, Path> points = Sweeps.pointDirectories(out);
        try (StandaloneCluster cluster = StandaloneCluster.start(temp.resolve("cluster"))) {
            Process first = cluster.startWorker("a", 2);
            Path log = temp.resolve("sweep.log");
            List<String> arguments = new ArrayList<>(List.of("sweep"));
            Sweeps.linearExamples().forEach(file -> arguments.add(file.toString()));
            arguments.addAll(
                    List.of("--epochs", Integer.toString(EPOCHS), "--master", cluster.url(), "--out", out.toString()));
            Process sweep = Sweeps.start(
                    log, cluster.environment(), List.of("-Dspark.ui.enabled=false"), arguments.toArray(String[]::new));

            Sweeps.await(
                    Duration.ofMinutes(5),
                    "a point runs on the worker, in the first half of its run",
                    () -> points.values().stream().anyMatch(d -> Sweeps.inFirstHalf(d, EPOCHS)));
            Path lost = points.values().stream()
                    .filter(d -> Sweeps.inFirstHalf(d, EPOCHS))
                    .findFirst()
                    .orElseThrow();
            List<ProcessHandle> executorsAndRuns = first.descendants().toList();
            first.destroyForcibly();
            Sweeps.await(
                    Duration.ofMinutes(1),
                    "the lost worker's executor and runs stop",
                    () -> executorsAndRuns.stream().noneMatch(ProcessHandle::isAlive));
            assertTrue(
                    List.of("interrupted", "completed").contains(Sweeps.status(lost)),
                    "the run of the lost worker stopped resumably, not half-written: " + Sweeps.status(lost));

            cluster.startWorker("b", 2);
            assertTrue(sweep.waitFor(5, TimeUnit.MINUTES), "the sweep finishes on the new worker");
            String output = Files.readString(log);
            assertEquals(0, sweep.exitValue(), output);
            String experiment = lost.getParent().getParent().getFileName().toString();
            assertTrue(
                    output.lines().anyMatch(line -> line.contains(experiment) && line.endsWith("(resumed)")),
                    "the lost point resumes from its checkpoint:\n" + output);
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
}

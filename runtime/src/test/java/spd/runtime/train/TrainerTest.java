package spd.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.Experiment;
import spd.runtime.nn.Activation;
import spd.runtime.nn.Kernel;
import spd.runtime.nn.NetworkSpec;
import spd.runtime.reg.Regularizers;

/** Reproducibility, the run directory, divergence and resumption of the trainer. */
class TrainerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The metrics without the timing fields, which differ from run to run. */
    private static List<List<Object>> deterministic(List<EpochMetrics> history) {
        return history.stream()
                .map(m -> List.<Object>of(
                        m.epoch(),
                        m.learningRate(),
                        m.trainLoss(),
                        m.trainAccuracy(),
                        m.validationLoss(),
                        m.validationAccuracy(),
                        m.nonzeroFraction(),
                        m.nonzeroByLayer()))
                .toList();
    }

    @Test
    void theSameSeedGivesIdenticalMetricsAndAnotherSeedDoesNot() {
        RunResult first = Trainer.run(Fixtures.experiment(2000, 2, 7), RunOptions.quiet());
        RunResult second = Trainer.run(Fixtures.experiment(2000, 2, 7), RunOptions.quiet());
        RunResult other = Trainer.run(Fixtures.experiment(2000, 2, 8), RunOptions.quiet());
        assertEquals(RunStatus.COMPLETED, first.status());
        assertEquals(deterministic(first.epochs()), deterministic(second.epochs()));
        assertEquals(first.test(), second.test());
        assertNotEquals(deterministic(first.epochs()), deterministic(other.epochs()));
        assertTrue(first.test().accuracy() > 0.5, "the fixture is learnable: " + first.test());
    }

    @Test
    void theRunDirectoryHoldsEveryFile(@TempDir Path dir) throws Exception {
        RunInfo info = new RunInfo("examples/fixture.spd", "abc123", "class Fixture {}", "Fixture.java", "0.1.0")
                .withCommands(
                        Map.of("lambda", "1e-3"),
                        List.of("spd", "run", "examples/fixture.spd", "--set", "lambda=1e-3"),
                        "./spd run examples/fixture.spd --set lambda=1e-3 --resume " + dir);
        RunResult result = Trainer.run(
                Fixtures.experiment(2000, 2, 7),
                RunOptions.quiet().writingTo(dir).withInfo(info));
        assertEquals(RunStatus.COMPLETED, result.status());
        assertEquals("class Fixture {}", Files.readString(dir.resolve("Fixture.java")));
        Map<?, ?> manifest = JSON.readValue(dir.resolve("manifest.json").toFile(), Map.class);
        assertEquals("abc123", manifest.get("source_sha256"));
        assertEquals(64, ((String) manifest.get("generated_code_sha256")).length());
        assertEquals(7, manifest.get("seed"));
        assertTrue(
                manifest.get("backend").toString().contains("Cpu"),
                manifest.get("backend").toString());
        assertTrue(((Map<?, ?>) manifest.get("threads")).containsKey("omp"));
        assertTrue(((Map<?, ?>) manifest.get("versions")).get("nd4j").toString().startsWith("1.0.0"));
        assertEquals(1, manifest.get("format_version"));
        assertEquals(Map.of("lambda", "1e-3"), manifest.get("settings"));
        assertEquals(
                List.of("spd", "run", "examples/fixture.spd", "--set", "lambda=1e-3"), manifest.get("command_line"));
        assertEquals(info.resumeCommand(), manifest.get("resume_command"));
        assertEquals(List.of(), manifest.get("data_files"), "code-supplied data has no files");
        Map<?, ?> session = (Map<?, ?>) ((List<?>) manifest.get("sessions")).get(0);
        assertEquals("completed", session.get("status"));
        assertTrue(session.containsKey("started") && session.containsKey("ended"), session.toString());
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            // The JVM alone is resident for more than 10 MB; a wrong unit or field would be far off.
            long peak = ((Number) session.get("peak_resident_bytes")).longValue();
            assertTrue(peak > 10_000_000L && peak < Runtime.getRuntime().maxMemory() * 4, String.valueOf(peak));
        }
        Map<?, ?> summary = JSON.readValue(dir.resolve("summary.json").toFile(), Map.class);
        assertEquals("completed", summary.get("status"));
        assertEquals(result.test().accuracy(), (Double) summary.get("test_accuracy"), 1e-12);
        assertEquals(1 - result.test().accuracy(), (Double) summary.get("test_error"), 1e-12);
        assertEquals(100L * 128 + 128L * 64 + 640, ((Number) summary.get("total_weights")).longValue());
        assertEquals(3, ((Map<?, ?>) summary.get("nonzero_per_layer")).size());
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(0).startsWith("epoch,learning_rate,train_loss"));
        assertTrue(csv.get(0).contains("fc1_nonzero_fraction"));
        for (String plot : List.of("nonzero_fraction", "validation_error")) {
            byte[] png = Files.readAllBytes(dir.resolve(plot + ".png"));
            assertEquals((byte) 0x89, png[0]);
            assertEquals('P', png[1]);
            assertTrue(Files.readString(dir.resolve(plot + ".svg")).contains("<svg"));
        }
        assertTrue(Files.exists(dir.resolve("checkpoint.bin")));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void nanStopsTheRunNamingEpochStepAndLayerAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws Exception {
        Experiment fixture = Fixtures.experiment(640, 3, 7);
        int stepsPerEpoch = 640 / 64;
        AtomicInteger calls = new AtomicInteger();
        // A penalty whose gradient turns NaN at the 5th step of epoch 2, on fc3 only.
        var poisoned = Regularizers.penalty(
                w -> w.mul(0), w -> calls.incrementAndGet() == stepsPerEpoch + 5 ? nanLike(w) : w.mul(0));
        Experiment experiment = new Experiment(
                fixture.name(),
                fixture.data(),
                fixture.network(),
                Map.of("fc1", fixture.regularizer("fc1"), "fc3", poisoned),
                fixture.training(),
                fixture.pruning(),
                fixture.constants());
        RunResult result = Trainer.run(experiment, RunOptions.quiet().writingTo(dir));
        assertEquals(RunStatus.DIVERGED, result.status());
        assertTrue(result.message().contains("epoch 2, step 5"), result.message());
        assertTrue(result.message().contains("fc3"), result.message());
        assertEquals(1, result.epochs().size());
        Map<?, ?> summary = JSON.readValue(dir.resolve("summary.json").toFile(), Map.class);
        assertEquals("diverged", summary.get("status"));
        assertEquals(1, Checkpoint.read(dir).metadata().epochsCompleted());
        for (INDArray array : Checkpoint.read(dir).arrays().values()) {
            assertTrue(Double.isFinite(array.sumNumber().doubleValue()), "the kept checkpoint is finite");
        }
    }

    @Test
    void nanInAConvKernelStopsTheRunNamingTheConvLayer(@TempDir Path dir) {
        Experiment fixture = Fixtures.experiment(640, 2, 7);
        AtomicInteger calls = new AtomicInteger();
        var poisoned = Regularizers.penalty(w -> w.mul(0), w -> calls.incrementAndGet() == 3 ? nanLike(w) : w.mul(0));
        // The 100 blob features read as 1x10x10 images.
        Experiment experiment = Experiment.named("conv_nan")
                .data(fixture.data())
                .network(NetworkSpec.image(1, 10, 10)
                        .conv("conv1", 4, Kernel.of(3), Activation.RELU)
                        .maxPool(2)
                        .dense(10, Activation.NONE))
                .training(fixture.training())
                .regularize(poisoned, "conv1")
                .build();
        RunResult result = Trainer.run(experiment, RunOptions.quiet().writingTo(dir));
        assertEquals(RunStatus.DIVERGED, result.status());
        assertTrue(result.message().contains("epoch 1, step 3"), result.message());
        assertTrue(result.message().contains("conv1"), result.message());
    }

    /** An array of NaN shaped like {@code w} (ND4J's scalar ops do not propagate a NaN scalar). */
    private static INDArray nanLike(INDArray w) {
        float[] values = new float[(int) w.length()];
        java.util.Arrays.fill(values, Float.NaN);
        return org.nd4j.linalg.factory.Nd4j.create(values, w.shape(), 'c');
    }

    @Test
    void aKilledRunResumesToTheSameFinalMetricsAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        int rows = 12000;
        int epochs = 5;
        RunResult uninterrupted = Trainer.run(Fixtures.experiment(rows, epochs, 7), RunOptions.quiet());

        Path runDir = dir.resolve("run");
        Process child = startFixture(runDir, rows, epochs);
        waitForFirstEpoch(runDir, child);
        child.destroy(); // SIGTERM: the shutdown hook lets the loop stop and record the interruption
        assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the child stops");
        Map<?, ?> summary = JSON.readValue(runDir.resolve("summary.json").toFile(), Map.class);
        assertEquals("interrupted", summary.get("status"), "summary after the kill: " + summary);
        int done = Checkpoint.read(runDir).metadata().epochsCompleted();
        assertTrue(done >= 1 && done < epochs, "killed after " + done + " epochs");

        RunResult resumed = Trainer.resume(runDir, Fixtures.experiment(rows, epochs, 7), RunOptions.quiet());
        assertEquals(RunStatus.COMPLETED, resumed.status());
        assertEquals(deterministic(uninterrupted.epochs()), deterministic(resumed.epochs()));
        assertEquals(uninterrupted.test(), resumed.test());
    }

    private static Process startFixture(Path runDir, int rows, int epochs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                ResumeFixture.class.getName(),
                runDir.toString(),
                String.valueOf(rows),
                String.valueOf(epochs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(runDir.getParent().resolve("child.log").toFile());
        return builder.start();
    }

    private static void waitForFirstEpoch(Path runDir, Process child) throws Exception {
        Path metrics = runDir.resolve("metrics.csv");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (Files.exists(metrics) && Files.readAllLines(metrics).size() >= 2) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child finished no epoch in time: "
                + Files.readString(runDir.getParent().resolve("child.log")));
    }
}

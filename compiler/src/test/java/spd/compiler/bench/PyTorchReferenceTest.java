package spd.compiler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.compiler.testing.Project;
import spd.runtime.data.DataDirectory;
import spd.runtime.data.KnownIdxSet;

/**
 * The PyTorch reference of bench/pytorch reproduces the first training steps of every example that trains
 * (loss, every gradient, the update, the penalty), replaying spd's recorded random draws, and the steps
 * across magnitude pruning's second event; an example without a reference fails (examples/fashion_mnist.spd
 * is left out when Fashion-MNIST could not be fetched). Installs the reference's
 * virtual environment through scripts/pytorch-venv on first use (minutes, once per machine);
 * SPD_SKIP_PYTORCH=1 skips it.
 */
class PyTorchReferenceTest {
    @TempDir
    Path recordings;

    @Test
    void thePyTorchReferenceReproducesEveryExamplesRecordedSteps() throws Exception {
        assumeFalse("1".equals(System.getenv("SPD_SKIP_PYTORCH")), "SPD_SKIP_PYTORCH=1");
        Project.ensureExampleData();
        String python = run(
                        List.of(Project.root().resolve("scripts/pytorch-venv").toString()), Project.root(), 1800)
                .strip();
        StringWriter diagnostics = new StringWriter();
        List<Path> files =
                TrainableExperiments.files(List.of(Project.examples().resolve("paper"), Project.examples())).stream()
                        .filter(file -> fashionMnistPresent() || !file.endsWith("fashion_mnist.spd"))
                        .toList();
        TrainableExperiments.Compiled compiled = TrainableExperiments.compile(files, new PrintWriter(diagnostics));
        assertEquals(List.of(), compiled.failedFiles(), diagnostics.toString());
        StepBenchmark data = new StepBenchmark(null);
        for (BenchmarkedExperiment experiment : compiled.experiments()) {
            StepRecording.write(experiment, data.dataOf(experiment), recordings.resolve("first"), 0, 3, false);
            if (experiment.file().endsWith("magnitude.spd")) {
                // Epoch 2 (from step 375, at batch 128) starts the ramp; its second event, step 475, prunes 5%.
                StepRecording.write(experiment, data.dataOf(experiment), recordings.resolve("event"), 474, 3, false);
            }
        }
        String table = run(
                List.of(python, "check.py", "--self-test", recordings.toString()),
                Project.root().resolve("bench/pytorch"),
                900);
        System.out.println(table);
    }

    /** scripts/test fetches Fashion-MNIST but goes on without it when that fails; so does this test. */
    private static boolean fashionMnistPresent() {
        return KnownIdxSet.FASHION_MNIST.isPresent(
                DataDirectory.fashionMnist(null, null).path());
    }

    /** Runs a command and returns its standard output; fails the test with the output when it exits non-zero. */
    private static String run(List<String> command, Path directory, int timeoutSeconds)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
        return output;
    }
}

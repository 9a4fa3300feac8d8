package spd.runtime.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import spd.runtime.Experiment;
import spd.runtime.examples.LinearAdaDropLogSum;

/**
 * A child process for kill tests: trains (or resumes) the linear example into a run directory, so that a
 * test can kill it with SIGKILL at any moment.
 */
public final class KillLoopFixture {
    private KillLoopFixture() {}

    /** The short linear run: the hand-written linear_adadrop_logsum example, batches of 20, fewer epochs. */
    static Experiment experiment(int epochs) {
        Experiment example = new LinearAdaDropLogSum().experiment();
        return example.withTraining(example.training().epochs(epochs).batch(20));
    }

    /** Arguments: the run directory, {@code run} or {@code resume}, the number of epochs. */
    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        Experiment experiment = experiment(Integer.parseInt(args[2]));
        RunResult result = args[1].equals("resume")
                ? Trainer.resume(directory, experiment, RunOptions.quiet())
                : Trainer.run(experiment, RunOptions.quiet().writingTo(directory));
        System.out.println("status " + result.status());
    }

    /** Starts the fixture in a new JVM with this test's class path, its output into {@code log}. */
    static Process start(Path directory, String mode, int epochs, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                KillLoopFixture.class.getName(),
                directory.toString(),
                mode,
                String.valueOf(epochs));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Waits (up to two minutes) until {@code file} exists, failing with the child's log if it ends first. */
    static void awaitFile(Path file, Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                return;
            }
            if (!child.isAlive()) {
                throw new AssertionError("the child ended before writing " + file + ":\n" + Files.readString(log));
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the child wrote no " + file + " in two minutes:\n" + Files.readString(log));
    }
}

package spd.compiler.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one point of a sweep as its own {@code spd run} process, wherever it is called (the machine of the
 * sweep, or a Spark executor): a point whose run completed is kept, one with a checkpoint is resumed, any
 * other is started. A process per point keeps runs from sharing ND4J's native memory and a native crash
 * local, and makes every point exactly the run {@code spd run} does. Stopping the calling thread (a Spark task
 * killed) or the whole JVM (Ctrl-C, an executor shut down) stops the child resumably.
 */
public final class PointProcess {
    /** How long a stopping child gets to record that it was interrupted before it is killed. */
    private static final long STOP_SECONDS = 60;
    /** The name of the console log of a point's run, in its run directory. */
    public static final String LOG = "run.log";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean STOP_HOOK = new AtomicBoolean();
    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private PointProcess() {}

    /**
     * Runs what is left of {@code point}; returns what became of it.
     *
     * @param epochs every run's epochs, or null for the file's
     * @param data the MNIST directory, or null
     * @param host the name of this machine, for the outcome
     * @throws InterruptedException when the calling thread was interrupted; the child was stopped first
     */
    public static PointOutcome run(SweepPoint point, Integer epochs, Path data, String host)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Optional<RunRecord> existing = RunRecord.read(point);
        if (existing.isPresent()
                && existing.get().completed()
                && (epochs == null || existing.get().epochs() == epochs)) {
            return new PointOutcome(PointOutcome.Kind.ALREADY_DONE, host, 0, "", seconds(started));
        }
        if (existing.isPresent() && existing.get().status().equals("diverged")) {
            // Run again with the same settings, it would diverge the same way; spd run refuses to resume it.
            return new PointOutcome(
                    PointOutcome.Kind.FAILED,
                    host,
                    0,
                    "diverged"
                            + summaryMessage(point)
                                    .map(message -> ": " + message)
                                    .orElse(""),
                    seconds(started));
        }
        boolean resume = Files.exists(point.directory().resolve("checkpoint.bin"));
        Files.createDirectories(point.directory());
        Path log = point.directory().resolve(LOG);
        long logStart = LogTail.size(log);
        int exit = runChild(command(point, epochs, data, resume), log);
        Optional<RunRecord> record = RunRecord.read(point);
        if (exit != 0 || record.isEmpty() || !record.get().completed()) {
            return new PointOutcome(
                    PointOutcome.Kind.FAILED,
                    host,
                    exit,
                    failure(point, record, log, logStart, exit),
                    seconds(started));
        }
        return new PointOutcome(
                resume ? PointOutcome.Kind.RESUMED : PointOutcome.Kind.TRAINED, host, 0, "", seconds(started));
    }

    /**
     * Why a run failed: the end it recorded in its summary (diverged, interrupted, with its message), else what
     * it printed last, else how its process ended.
     */
    private static String failure(SweepPoint point, Optional<RunRecord> record, Path log, long logStart, int exit) {
        return record.filter(r -> !r.completed() && !r.status().equals("running"))
                .map(r -> r.status()
                        + summaryMessage(point).map(message -> ": " + message).orElse(""))
                .or(() -> LogTail.reason(log, logStart))
                .orElse(exit > 128 ? "the run was killed (signal " + (exit - 128) + ")" : "exit code " + exit);
    }

    /** The message a stopped run left in its summary (why it diverged, or was interrupted). */
    private static Optional<String> summaryMessage(SweepPoint point) {
        try {
            String message = JSON.readTree(
                            point.directory().resolve("summary.json").toFile())
                    .path("message")
                    .asText("");
            return message.isBlank() ? Optional.empty() : Optional.of(message);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Starts the child with its output appended to {@code log} (a resumed run keeps its earlier sessions'). */
    private static int runChild(List<String> command, Path log) throws IOException, InterruptedException {
        installStopHook();
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().putAll(nativeEnvironment());
        Process process = builder.start();
        RUNNING.add(process);
        // The stop hook sets the flag before it stops what is running: a child started meanwhile is stopped here.
        if (STOPPING.get()) {
            stop(process);
        }
        OutputStream input = process.getOutputStream();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            stop(process);
            throw e;
        } finally {
            RUNNING.remove(process);
            input.close();
        }
    }

    /**
     * The native settings of {@code scripts/native-env.sh} that this process lacks: an executor started by a
     * Spark worker did not go through the launcher. Values already set (by the launcher, or by the user) win.
     */
    private static Map<String, String> nativeEnvironment() {
        return spd.runtime.device.NativeEnvironment.missing();
    }

    /** On Ctrl-C, kill, or an executor shutting down: every running child is asked to stop, then awaited. */
    private static void installStopHook() {
        if (STOP_HOOK.compareAndSet(false, true)) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                STOPPING.set(true);
                                RUNNING.forEach(PointProcess::stop);
                            },
                            "spd-sweep-stop"));
        }
    }

    /** Asks a child to stop (it records itself as interrupted, resumable), and kills it if it does not. */
    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static List<String> command(SweepPoint point, Integer epochs, Path data, boolean resume) {
        List<String> command = new ArrayList<>(JavaCommand.current());
        command.add("run");
        command.add(point.file().toString());
        command.add("--experiment");
        command.add(point.experiment());
        for (Map.Entry<String, String> setting : point.settings().entrySet()) {
            command.add("--set");
            command.add(setting.getKey() + "=" + setting.getValue());
        }
        command.add("--seed");
        command.add(Long.toString(point.seed()));
        if (epochs != null) {
            command.add("--epochs");
            command.add(epochs.toString());
        }
        if (data != null) {
            command.add("--data");
            command.add(data.toString());
        }
        command.add(resume ? "--resume" : "--out");
        command.add(point.directory().toString());
        // The log is a file: one line per epoch, no progress bar.
        command.add("--progress");
        command.add("lines");
        // This process holds the child's standard input open and never writes to it: if this process dies
        // outright (kill -9, a lost executor), the input closes and the child stops itself, resumably.
        command.add("--stop-when-stdin-closes");
        return command;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}

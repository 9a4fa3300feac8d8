package spd.compiler.sweep;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the points of a sweep, up to {@code jobs} at a time, each as its own {@code spd run} process (so
 * that runs share no native memory and a crash stays local). A point that completed or diverged is kept; one
 * that was started is resumed: rerunning a sweep finishes it. Children never outlive the sweep: stopping the
 * sweep (Ctrl-C, kill) stops them, resumably, and a child whose sweep was killed outright stops itself.
 */
public final class SweepRunner {
  /** How long a stopping sweep waits for its runs to record that they were interrupted. */
  private static final long CHILD_STOP_SECONDS = 60;
  private final int jobs;
  private final Integer epochs;
  private final PrintWriter out;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();

  public SweepRunner(int jobs, Integer epochs, PrintWriter out) {
    this.jobs = jobs;
    this.epochs = epochs;
    this.out = out;
  }

  /** Runs what is left of the sweep; returns the record of every point that has a summary. */
  public List<RunRecord> run(List<SweepPoint> points) throws InterruptedException {
    Thread hook = new Thread(this::stopChildren, "spd-sweep-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return runAll(points);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running.
      }
    }
  }

  private List<RunRecord> runAll(List<SweepPoint> points) throws InterruptedException {
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    List<Future<Optional<RunRecord>>> futures = new ArrayList<>();
    for (SweepPoint point : points) {
      futures.add(pool.submit(() -> runPoint(point, done, points.size())));
    }
    pool.shutdown();
    List<RunRecord> records = new ArrayList<>();
    for (Future<Optional<RunRecord>> future : futures) {
      try {
        future.get().ifPresent(records::add);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("a sweep worker failed", e.getCause());
      }
    }
    return records;
  }

  /** On Ctrl-C or kill: every child is asked to stop (it records itself as interrupted), then awaited. */
  private void stopChildren() {
    running.forEach(Process::destroy);
    for (Process child : running) {
      try {
        if (!child.waitFor(CHILD_STOP_SECONDS, TimeUnit.SECONDS)) {
          child.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Optional<RunRecord> runPoint(SweepPoint point, AtomicInteger done, int total) throws IOException,
      InterruptedException {
    Optional<RunRecord> existing = RunRecord.read(point);
    if (existing.isPresent() && existing.get().finished()) {
      if (epochs != null && existing.get().completed() && existing.get().epochs() != epochs) {
        synchronized (out) {
          out.printf("[%d/%d] %s seed %d: %s already holds a run of %d epochs, not %d; delete it or sweep into "
              + "another --out%n", done.incrementAndGet(), total, point.groupLabel(), point.seed(), point.directory(),
              existing.get().epochs(), epochs);
          out.flush();
        }
        return Optional.empty();
      }
      report(existing.get(), done.incrementAndGet(), total, "already done");
      return existing;
    }
    boolean resume = Files.exists(point.directory().resolve("manifest.json"));
    Path log = logFile(point);
    Files.createDirectories(log.getParent());
    Process process = new ProcessBuilder(command(point, resume))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    running.add(process);
    int exit;
    // The child's standard input stays open, unwritten, while the sweep lives: its end tells the child to stop.
    OutputStream childInput = process.getOutputStream();
    try {
      exit = process.waitFor();
    } finally {
      running.remove(process);
      childInput.close();
    }
    Optional<RunRecord> record = RunRecord.read(point);
    if (record.isEmpty()) {
      synchronized (out) {
        out.printf("[%d/%d] %s seed %d: failed (exit %d); see %s%n", done.incrementAndGet(), total, point.groupLabel(),
            point.seed(), exit, log);
        out.flush();
      }
      return Optional.empty();
    }
    report(record.get(), done.incrementAndGet(), total, resume ? "resumed" : "");
    return record;
  }

  /** The console output of a point's run: beside its run directory, which holds only what the run writes. */
  static Path logFile(SweepPoint point) {
    return point.directory().resolveSibling(point.directory().getFileName() + ".log");
  }

  private List<String> command(SweepPoint point, boolean resume) {
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
    command.add(resume ? "--resume" : "--out");
    command.add(point.directory().toString());
    command.add("--progress");
    command.add("lines");
    command.add("--stop-when-stdin-closes");
    return command;
  }

  private void report(RunRecord record, int index, int total, String note) {
    synchronized (out) {
      String error = record.classification() ? String.format("test error %.2f%%", 100 * record.testError())
          : String.format("test MSE %.4g", record.testError());
      out.printf("[%d/%d] %s seed %d: %s, %s, nonzero %.2f%%, %.0f s%s%n", index, total, record.point().groupLabel(),
          record.point().seed(), record.status(), error, 100 * record.nonzeroFraction(), record.wallSeconds(),
          note.isEmpty() ? "" : " (" + note + ")");
      out.flush();
    }
  }

  /** Where the current spd process runs, so that child runs use the same JDK, class path and flags. */
  static final class JavaCommand {
    private JavaCommand() {}

    static List<String> current() {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("--enable-native-access=ALL-UNNAMED");
      if (Runtime.version().feature() >= 24) {
        command.add("--sun-misc-unsafe-memory-access=allow");
      }
      String home = System.getProperty("spd.home");
      if (home != null) {
        command.add("-Dspd.home=" + home);
      }
      command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add("spd.compiler.cli.Main");
      return command;
    }
  }
}

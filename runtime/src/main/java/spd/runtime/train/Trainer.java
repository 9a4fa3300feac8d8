package spd.runtime.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.plot.ChartGuard;
import spd.runtime.Experiment;
import spd.runtime.base.RunException;
import spd.runtime.data.DataLoader;
import spd.runtime.data.Dataset;
import spd.runtime.nn.Loss;
import spd.runtime.reg.LayerRegularizer;

/**
 * Trains an {@link Experiment}: epochs of shuffled batches through the regularizers' hooks, evaluation with
 * pruned weights after every epoch, a checkpoint and the run directory's files after every epoch, a stop on
 * NaN or infinity, a clean stop on Ctrl-C or kill, and exact resumption from a run directory.
 */
public final class Trainer {
  private static final int STEPS_BETWEEN_COLLECTIONS = 1000;
  private static final long PLOT_INTERVAL_NANOS = 10_000_000_000L;
  private static final Duration PLOT_DEADLINE = Duration.ofSeconds(30);
  private final Model model;
  private final Dataset data;
  private final TrainingData training;
  private final RunDirectory directory;
  private final RunOptions options;
  private final List<EpochMetrics> history = new ArrayList<>();
  private final StepRunner runner;
  private final Evaluator evaluator;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private double elapsedBefore;
  private int stepsSinceCollection;
  private long lastPlot = System.nanoTime() - PLOT_INTERVAL_NANOS;

  private Trainer(Experiment experiment, RunOptions options) {
    this.options = options;
    this.data = DataLoader.load(experiment.data(), options.dataDirectory());
    checkShapes(experiment, data);
    this.model = new Model(experiment, data.train().size());
    this.training = new TrainingData(data.train(), experiment.training().batch());
    this.directory = options.runDirectory() == null ? null : RunDirectory.create(options.runDirectory());
    this.runner = new StepRunner(model, training);
    this.evaluator = new Evaluator(model, training);
  }

  /** Trains the experiment from scratch. */
  public static RunResult run(Experiment experiment, RunOptions options) {
    refuseToOverwrite(options.runDirectory());
    Trainer trainer = new Trainer(experiment, options);
    if (trainer.directory != null) {
      Manifest.write(trainer.directory, experiment, options.info(), trainer.data);
      trainer.directory.writeSummary(experiment, RunStatus.RUNNING, List.of(), null, null, 0);
    }
    return trainer.trainFrom(0);
  }

  /**
   * Continues the run in {@code runDirectory} from its last checkpoint, with the experiment it was started
   * with; the final metrics equal those of an uninterrupted run with the same seed.
   */
  public static RunResult resume(Path runDirectory, Experiment experiment, RunOptions options) {
    Checkpoint checkpoint = Checkpoint.read(runDirectory);
    Checkpoint.Metadata meta = checkpoint.metadata();
    if (!meta.experiment().equals(experiment.name()) || meta.seed() != experiment.training().seed()) {
      throw new RunException(
          "%s holds a run of experiment %s with seed %d, not of %s with seed %d; resume it with the experiment it was started with."
              .formatted(runDirectory, meta.experiment(), meta.seed(), experiment.name(), experiment.training().seed()));
    }
    Trainer trainer = new Trainer(experiment.withEpochs(meta.epochs()), options.writingTo(runDirectory));
    checkpoint.restoreInto(trainer.model.liveArrays());
    trainer.model.optimizer().restore(checkpoint.arrays(), meta.optimizerSteps());
    trainer.history.addAll(meta.history());
    trainer.elapsedBefore = meta.elapsedSeconds();
    return trainer.trainFrom(meta.epochsCompleted());
  }

  /** A new run must not silently replace the results and checkpoint of an earlier one. */
  private static void refuseToOverwrite(Path directory) {
    if (directory != null && Files.exists(directory.resolve(Checkpoint.FILE_NAME))) {
      throw new RunException(
          "%s already holds a run; continue it with --resume %s, or choose another output directory"
              .formatted(directory, directory));
    }
  }

  private static void checkShapes(Experiment experiment, Dataset data) {
    var network = experiment.network();
    if (data.inputs() != network.inputs()) {
      throw new RunException(
          "the network takes %d inputs but the data has %d features per example".formatted(network.inputs(), data.inputs()));
    }
    int outputs = data.train().targets().columns();
    if (outputs != network.outputs()) {
      throw new RunException(
          "the network has %d outputs but the data has %d targets per example (%s)"
              .formatted(network.outputs(), outputs, data.isClassification() ? "classes" : "values"));
    }
    if (data.isClassification() != (network.loss() == spd.runtime.nn.LossKind.CROSS_ENTROPY)) {
      throw new RunException(
          "loss %s does not fit %s data; use cross_entropy for classes and squared for values"
              .formatted(network.loss().name().toLowerCase(java.util.Locale.ROOT), data.isClassification() ? "class" : "regression"));
    }
  }

  private RunResult trainFrom(int firstEpoch) {
    Thread hook = directory == null ? null : installShutdownHook();
    long started = System.nanoTime();
    try (Progress progress = options.showProgress() ? new ConsoleProgress() : Progress.QUIET) {
      int epochs = model.experiment().training().epochs();
      for (int epoch = firstEpoch; epoch < epochs; epoch++) {
        EpochOutcome outcome = trainEpoch(epoch, progress);
        if (outcome instanceof EpochOutcome.Stopped stopped) {
          return stop(stopped.status(), stopped.message(), started);
        }
        EpochMetrics metrics = ((EpochOutcome.Finished) outcome).metrics();
        history.add(metrics);
        progress.endEpoch(metrics);
        saveEpoch(epoch + 1, elapsed(started));
      }
      Evaluation test = evaluator.on(data.test(), data.isClassification());
      double wall = elapsed(started);
      if (directory != null) {
        directory.writeSummary(model.experiment(), RunStatus.COMPLETED, history, test, null, wall);
      }
      return new RunResult(RunStatus.COMPLETED, history, test, null, wall, path());
    } finally {
      finished.countDown();
      removeShutdownHook(hook);
    }
  }

  private RunResult stop(RunStatus status, String message, long started) {
    double wall = elapsed(started);
    if (directory != null) {
      directory.writeSummary(model.experiment(), status, history, null, message, wall);
      writePlots();
    }
    return new RunResult(status, history, null, message, wall, path());
  }

  private Path path() {
    return directory == null ? null : directory.path();
  }

  private double elapsed(long started) {
    return elapsedBefore + (System.nanoTime() - started) / 1e9;
  }

  /** How an epoch ended. */
  private sealed interface EpochOutcome {
    /** Every batch was trained; the epoch's metrics. */
    record Finished(EpochMetrics metrics) implements EpochOutcome {}

    /** The epoch stopped early (interrupted or diverged), with the message for the user. */
    record Stopped(RunStatus status, String message) implements EpochOutcome {}
  }

  private EpochOutcome trainEpoch(int epoch, Progress progress) {
    Experiment experiment = model.experiment();
    double lr = experiment.training().learningRate(epoch);
    List<INDArray> batches = runner.startEpoch(epoch, lr);
    progress.startEpoch(epoch, experiment.training().epochs(), batches.size(), lastNonzeroFraction());
    double lossSum = 0;
    long correct = 0;
    long seen = 0;
    long start = System.nanoTime();
    for (int step = 0; step < batches.size(); step++) {
      if (stopRequested) {
        return new EpochOutcome.Stopped(
            RunStatus.INTERRUPTED,
            "interrupted during epoch %d; resume with --resume to finish from the end of epoch %d"
                .formatted(epoch + 1, epoch));
      }
      Loss.Score score = runner.step(step, lr);
      String problem = runner.nonFinite(score.lossSum());
      if (problem != null) {
        return new EpochOutcome.Stopped(
            RunStatus.DIVERGED,
            "training diverged at epoch %d, step %d: %s. The last good checkpoint (end of epoch %d) is kept; lower the learning rate or check the rule."
                .formatted(epoch + 1, step + 1, problem, epoch));
      }
      lossSum += score.lossSum();
      correct += score.correct();
      seen += batches.get(step).rows();
      progress.step(lossSum / seen, accuracy(correct, seen), seen / ((System.nanoTime() - start) / 1e9));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    releaseDeadNativeMemory(batches.size());
    return new EpochOutcome.Finished(epochMetrics(epoch, lr, lossSum / seen, accuracy(correct, seen), seen / seconds, seconds));
  }

  /**
   * ND4J frees the native memory of an array only after the garbage collector has collected the array's Java
   * objects, and each step leaves a few thousand small ones behind. With a large heap they can pile up for
   * long enough to add hundreds of megabytes of resident memory, so collect every 1,000 steps or so (a full
   * collection takes about 0.1 s).
   */
  private void releaseDeadNativeMemory(int steps) {
    stepsSinceCollection += steps;
    if (stepsSinceCollection >= STEPS_BETWEEN_COLLECTIONS) {
      System.gc();
      stepsSinceCollection = 0;
    }
  }

  private double accuracy(long correct, long seen) {
    return data.isClassification() ? (double) correct / seen : Double.NaN;
  }

  private double lastNonzeroFraction() {
    return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).nonzeroFraction();
  }

  private EpochMetrics epochMetrics(int epoch, double lr, double dataLoss, double trainAccuracy, double rate, double seconds) {
    double penalty = 0;
    for (LayerRegularizer regularizer : model.regularizers()) {
      penalty += regularizer.penalty();
    }
    Evaluation validation =
        data.validation().isEmpty() ? null : evaluator.on(data.validation(), data.isClassification());
    Evaluation counts = validation != null ? validation : evaluator.countsOnly();
    Map<String, Double> byLayer = new LinkedHashMap<>();
    counts.layers().forEach((name, count) -> byLayer.put(name, count.fraction()));
    return new EpochMetrics(
        epoch + 1,
        lr,
        dataLoss + penalty,
        trainAccuracy,
        validation == null ? Double.NaN : validation.loss(),
        validation == null ? Double.NaN : validation.accuracy(),
        counts.nonzeroFraction(),
        byLayer,
        rate,
        seconds);
  }

  private void saveEpoch(int epochsCompleted, double elapsedSeconds) {
    if (directory == null) {
      return;
    }
    Experiment experiment = model.experiment();
    Checkpoint.Metadata meta =
        new Checkpoint.Metadata(
            experiment.name(), experiment.training().seed(), experiment.training().epochs(), epochsCompleted,
            model.optimizer().steps(), elapsedSeconds, history);
    try {
      Map<String, INDArray> arrays = new LinkedHashMap<>(model.liveArrays());
      arrays.putAll(model.optimizer().snapshot());
      new Checkpoint(meta, arrays).write(directory.path());
      directory.writeMetrics(experiment, history);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run directory " + directory.path(), e);
    }
    directory.writeSummary(experiment, RunStatus.RUNNING, history, null, null, elapsedSeconds);
    boolean last = epochsCompleted == experiment.training().epochs();
    if (last || System.nanoTime() - lastPlot >= PLOT_INTERVAL_NANOS) {
      writePlots();
    }
  }

  /**
   * Plots are a convenience: drawn at most every few seconds (drawing costs about 0.1 s, as much as a short
   * epoch) and at the end, within {@link #PLOT_DEADLINE}; failing to draw them warns but never stops, delays
   * or corrupts a run.
   */
  private void writePlots() {
    lastPlot = System.nanoTime();
    try {
      ChartGuard.drawWithin(PLOT_DEADLINE, () -> Plots.write(directory.path(), model.experiment().name(), history));
    } catch (TimeoutException e) {
      System.err.printf("warning: drawing the plots in %s took more than %d s; they were skipped%n", directory.path(),
          PLOT_DEADLINE.toSeconds());
    } catch (IOException | RuntimeException e) {
      System.err.println("warning: could not draw the plots in " + directory.path() + ": " + e);
    }
  }

  /** On Ctrl-C or kill: ask the loop to stop at the next step and wait until it has written its summary. */
  private Thread installShutdownHook() {
    Thread hook =
        new Thread(
            () -> {
              stopRequested = true;
              try {
                finished.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "spd-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private static void removeShutdownHook(Thread hook) {
    if (hook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already shutting down and the hook is running; nothing to remove.
    }
  }

}

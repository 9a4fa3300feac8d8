package spd.runtime.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.Experiment;
import spd.runtime.RunException;
import spd.runtime.Seeds;
import spd.runtime.data.DataLoader;
import spd.runtime.data.Dataset;
import spd.runtime.nn.Dense;
import spd.runtime.nn.Loss;
import spd.runtime.nn.Parameter;
import spd.runtime.reg.LayerRegularizer;

/**
 * Trains an {@link Experiment}: epochs of shuffled batches through the regularizers' hooks, evaluation with
 * pruned weights after every epoch, a checkpoint and the run directory's files after every epoch, a stop on
 * NaN or infinity, a clean stop on Ctrl-C or kill, and exact resumption from a run directory.
 */
public final class Trainer {
  private static final String STEP_WORKSPACE = "spd-step";
  private final Model model;
  private final Dataset data;
  private final TrainingData training;
  private final RunDirectory directory;
  private final RunOptions options;
  private final List<EpochMetrics> history = new ArrayList<>();
  private final WorkspaceConfiguration workspace;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private double elapsedBefore;

  private Trainer(Experiment experiment, RunOptions options) {
    this.options = options;
    this.data = DataLoader.load(experiment.data(), options.dataDirectory());
    checkShapes(experiment, data);
    this.model = new Model(experiment, data.train().size());
    this.training = new TrainingData(data.train(), experiment.training().batch());
    this.directory = options.runDirectory() == null ? null : RunDirectory.create(options.runDirectory());
    this.workspace = stepWorkspace(experiment.network().weightCount());
  }

  /** Trains the experiment from scratch. */
  public static RunResult run(Experiment experiment, RunOptions options) {
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

  private static void checkShapes(Experiment experiment, Dataset data) {
    var network = experiment.network();
    if (data.inputs() != network.inputs()) {
      throw new RunException(
          "the network takes %d inputs but the data has %d features per example".formatted(network.inputs(), data.inputs()));
    }
    int outputs = (int) data.train().targets().columns();
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

  /** Temporaries of the generated element-wise rules are bump-allocated in a workspace reset every step. */
  private static WorkspaceConfiguration stepWorkspace(long weightCount) {
    return WorkspaceConfiguration.builder()
        .initialSize(Math.max(64L << 20, 32 * 4 * weightCount))
        .policyAllocation(AllocationPolicy.STRICT)
        .policyLearning(LearningPolicy.NONE)
        .policySpill(SpillPolicy.REALLOCATE)
        .policyReset(ResetPolicy.BLOCK_LEFT)
        .build();
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
      Evaluation test = evaluate(data.test().features(), training.testTargets(data), training.testClasses(data));
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
    record Finished(EpochMetrics metrics) implements EpochOutcome {}

    record Stopped(RunStatus status, String message) implements EpochOutcome {}
  }

  private EpochOutcome trainEpoch(int epoch, Progress progress) {
    Experiment experiment = model.experiment();
    double lr = experiment.training().learningRate(epoch);
    training.shuffle(Seeds.derive(experiment.training().seed(), Seeds.SHUFFLE, epoch));
    List<INDArray> batches = training.batches();
    for (LayerStepContext context : model.contexts()) {
      context.startEpoch(epoch, batches.size(), lr);
    }
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
      INDArray batch = batches.get(step);
      Loss.Score score = step(batch, step * training.batchSize(), step, lr);
      String problem = nonFinite(score.lossSum());
      if (problem != null) {
        return new EpochOutcome.Stopped(
            RunStatus.DIVERGED,
            "training diverged at epoch %d, step %d: %s. The last good checkpoint (end of epoch %d) is kept; lower the learning rate or check the rule."
                .formatted(epoch + 1, step + 1, problem, epoch));
      }
      lossSum += score.lossSum();
      correct += score.correct();
      seen += batch.rows();
      progress.step(lossSum / seen, accuracy(correct, seen), seen / ((System.nanoTime() - start) / 1e9));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    releaseDeadNativeMemory();
    return new EpochOutcome.Finished(epochMetrics(epoch, lr, lossSum / seen, accuracy(correct, seen), seen / seconds, seconds));
  }

  /**
   * ND4J frees the native memory of an array only after the garbage collector has collected the array's Java
   * objects, and each step leaves a few thousand small ones behind. With a large heap they can pile up for
   * long enough to add hundreds of megabytes of resident memory, so collect once per epoch (about 0.1 s).
   */
  private static void releaseDeadNativeMemory() {
    System.gc();
  }

  private double accuracy(long correct, long seen) {
    return data.isClassification() ? (double) correct / seen : Double.NaN;
  }

  private double lastNonzeroFraction() {
    return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).nonzeroFraction();
  }

  /** One training step inside the step workspace: hooks, forward, backward, update, hooks. */
  private Loss.Score step(INDArray batch, int firstRow, int stepInEpoch, double lr) {
    List<Dense> layers = model.network().layers();
    List<LayerStepContext> contexts = model.contexts();
    try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(workspace, STEP_WORKSPACE)) {
      for (int k = 0; k < layers.size(); k++) {
        contexts.get(k).setStep(stepInEpoch);
        layers.get(k).regularizer().beforeStep(contexts.get(k));
      }
      Loss.Score score =
          model.network().trainStep(batch, training.shuffledTargets(), training.shuffledClasses(), firstRow);
      model.optimizer().update(model.parameters(), lr);
      for (int k = 0; k < layers.size(); k++) {
        layers.get(k).regularizer().afterUpdate(contexts.get(k));
      }
      return score;
    }
  }

  /**
   * Null when the loss and every parameter are finite, else what is not. A parameter's self dot product is
   * one BLAS call, and is NaN or infinite exactly when an entry is (or when the weights overflow).
   */
  private String nonFinite(double lossSum) {
    for (Dense layer : model.network().layers()) {
      for (Parameter parameter : layer.parameters()) {
        INDArray value = parameter.value();
        double square = Nd4j.getBlasWrapper().level1().dot(value.length(), 1.0, value, value);
        if (!Double.isFinite(square)) {
          return "parameter %s of layer %s holds NaN or infinite values".formatted(parameter.name(), layer.name());
        }
      }
    }
    return Double.isFinite(lossSum) ? null : "the loss is " + lossSum + " while every weight is finite";
  }

  private EpochMetrics epochMetrics(int epoch, double lr, double dataLoss, double trainAccuracy, double rate, double seconds) {
    double penalty = 0;
    for (Dense layer : model.network().layers()) {
      penalty += layer.regularizer().penalty();
    }
    Evaluation validation =
        data.validation().isEmpty()
            ? null
            : evaluate(data.validation().features(), training.validationTargets(data), training.validationClasses(data));
    Evaluation counts = validation != null ? validation : countsOnly();
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

  private Evaluation countsOnly() {
    return evaluate(null, null, null);
  }

  /** Evaluates the pruned model on a split (or only counts nonzero weights when {@code features} is null). */
  private Evaluation evaluate(INDArray features, float[] targets, int[] classes) {
    List<INDArray> weights = new ArrayList<>();
    Map<String, Evaluation.LayerCount> layers = new LinkedHashMap<>();
    long nonzero = 0;
    long total = 0;
    for (Dense layer : model.network().layers()) {
      INDArray pruned = Pruner.prunedWeights(layer, model.experiment().pruning(layer.name()));
      weights.add(pruned);
      long count = Pruner.countNonzero(pruned);
      layers.put(layer.name(), new Evaluation.LayerCount(count, pruned.length()));
      nonzero += count;
      total += pruned.length();
    }
    if (features == null) {
      return new Evaluation(Double.NaN, Double.NaN, Double.NaN, nonzero, total, layers);
    }
    Loss.Score score = model.network().evaluate(weights, features, targets, classes);
    long n = features.rows();
    double loss = score.lossSum() / n;
    double accuracy = classes == null ? Double.NaN : (double) score.correct() / n;
    double error = classes == null ? 2 * loss : 1 - accuracy;
    return new Evaluation(loss, accuracy, error, nonzero, total, layers);
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
    writePlots();
  }

  /** Plots are a convenience: failing to draw them warns but never stops or corrupts a run. */
  private void writePlots() {
    try {
      Plots.write(directory.path(), model.experiment().name(), history);
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

  /** Wall-clock and thread CPU seconds of a block of training steps. */
  public record StepTiming(int steps, double wallSeconds, double cpuSeconds) {
    /** Steps per wall-clock second. */
    public double stepsPerSecond() {
      return steps / wallSeconds;
    }

    /** Steps per second of this thread's CPU time: the rate without interference from other processes. */
    public double stepsPerCpuSecond() {
      return steps / cpuSeconds;
    }
  }

  /**
   * Times the real training step of an experiment on its data, without evaluation or files: {@code blocks}
   * blocks of {@code steps} steps each (the first block warms up the JIT and the workspace). With one native
   * thread all arithmetic runs on the calling thread, so its CPU time is the step's cost even on a loaded
   * machine.
   */
  public static List<StepTiming> timeSteps(Experiment experiment, int steps, int blocks) {
    Trainer trainer = new Trainer(experiment, RunOptions.quiet());
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    List<StepTiming> timings = new ArrayList<>();
    double lr = experiment.training().learningRate(0);
    List<INDArray> batches = trainer.training.batches();
    for (int block = 0; block < blocks; block++) {
      trainer.training.shuffle(Seeds.derive(experiment.training().seed(), Seeds.SHUFFLE, block));
      for (LayerStepContext context : trainer.model.contexts()) {
        context.startEpoch(0, batches.size(), lr);
      }
      long cpu = threads.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        int index = s % batches.size();
        trainer.step(batches.get(index), index * trainer.training.batchSize(), index, lr);
        trainer.nonFinite(0);
      }
      timings.add(new StepTiming(steps, (System.nanoTime() - wall) / 1e9, (threads.getCurrentThreadCpuTime() - cpu) / 1e9));
    }
    return timings;
  }

  /** The regularizer of a layer (for tests and benchmarks that inspect the model). */
  LayerRegularizer regularizer(int layer) {
    return model.network().layers().get(layer).regularizer();
  }
}

package spd.runtime.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * NaN or infinity, a clean stop on Ctrl-C or kill, a recorded failure when the run directory cannot be
 * written, and exact resumption from a run directory.
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
    private Manifest manifest;
    private double elapsedBefore;
    private int stepsSinceCollection;
    private long lastPlot = System.nanoTime() - PLOT_INTERVAL_NANOS;

    private Trainer(Experiment experiment, RunOptions options, RunDirectory directory) {
        this.options = options;
        this.directory = directory;
        this.data = DataLoader.load(experiment.data(), options.dataDirectory());
        checkShapes(experiment, data);
        this.model = new Model(experiment, data.train().size());
        this.training = new TrainingData(data.train(), experiment.training().batch());
        this.runner = new StepRunner(model, training);
        this.evaluator = new Evaluator(model, training);
    }

    /**
     * Trains the experiment from scratch, into {@code options.runDirectory()} when one is given: a new or empty
     * directory, or one whose run never finished an epoch (see {@link RunDirectory#forNewRun}).
     */
    @SuppressWarnings("try") // the guard only needs to be held while the run writes its directory
    public static RunResult run(Experiment experiment, RunOptions options) {
        ResourceCheck.check(experiment);
        if (options.runDirectory() == null) {
            return new Trainer(experiment, options, null).trainFrom(0);
        }
        try (RunDirectory directory = RunDirectory.forNewRun(
                        options.runDirectory(), options.info().resumeCommand());
                ShutdownGuard guard = new ShutdownGuard(options.stop())) {
            List<DataFiles.DataFile> files = DataFiles.of(experiment.data(), options.dataDirectory());
            Trainer trainer = new Trainer(experiment, options, directory);
            return trainer.start(files, List.of());
        }
    }

    /**
     * Finishes the run in {@code runDirectory}: from its last checkpoint, or from the start when it never
     * finished an epoch. The experiment, its settings and data must be those the run was started with (the
     * manifest records them): anything else is refused, since it would train a different run. A resumed run
     * ends with exactly the metrics and summary of an uninterrupted one; a completed run is evaluated again.
     */
    @SuppressWarnings("try") // the guard only needs to be held while the run writes its directory
    public static RunResult resume(Path runDirectory, Experiment experiment, RunOptions options) {
        ResourceCheck.check(experiment);
        try (RunDirectory directory = RunDirectory.forResume(runDirectory);
                ShutdownGuard guard = new ShutdownGuard(options.stop())) {
            Map<String, Object> recorded = directory.readJson(RunDirectory.MANIFEST);
            List<DataFiles.DataFile> files = DataFiles.of(experiment.data(), options.dataDirectory());
            refuseAnotherRun(runDirectory, recorded, RunIdentity.of(experiment, options.info(), files));
            RunOptions writing = options.writingTo(runDirectory);
            if (!Files.exists(runDirectory.resolve(Checkpoint.FILE_NAME))) {
                return new Trainer(experiment, writing, directory).start(files, Manifest.sessions(recorded));
            }
            Checkpoint checkpoint = Checkpoint.read(runDirectory);
            Checkpoint.Metadata meta = checkpoint.metadata();
            Trainer trainer = new Trainer(experiment, writing, directory);
            checkpoint.restoreInto(trainer.model.liveArrays());
            trainer.model.optimizer().restore(checkpoint.arrays(), meta.optimizerSteps());
            trainer.history.addAll(meta.history());
            trainer.elapsedBefore = meta.elapsedSeconds();
            return trainer.continueFrom(meta.epochsCompleted(), recorded);
        }
    }

    private static void refuseAnotherRun(Path runDirectory, Map<String, Object> recorded, RunIdentity now) {
        List<String> differences = RunIdentity.recorded(recorded).differencesFrom(now);
        if (differences.isEmpty()) {
            return;
        }
        Object command = recorded.get("resume_command");
        String resume = command instanceof String text && !text.isEmpty()
                ? "Resume it with the command it was started with:%n  %s%n".formatted(text)
                : "Resume it with the file, settings and data it was started with, ";
        throw new RunException(
                "%s was started with something else, so resuming it here would train a different run:%n  %s%n%sor start a new run in another directory."
                        .formatted(runDirectory, String.join("\n  ", differences), resume));
    }

    private static void checkShapes(Experiment experiment, Dataset data) {
        var network = experiment.network();
        if (data.inputs() != network.inputs()) {
            throw new RunException("the network takes %d inputs but the data has %d features per example"
                    .formatted(network.inputs(), data.inputs()));
        }
        int outputs = data.train().targets().columns();
        if (outputs != network.outputs()) {
            throw new RunException("the network has %d outputs but the data has %d targets per example (%s)"
                    .formatted(network.outputs(), outputs, data.isClassification() ? "classes" : "values"));
        }
        if (data.isClassification() != (network.loss() == spd.runtime.nn.LossKind.CROSS_ENTROPY)) {
            throw new RunException("loss %s does not fit %s data; use cross_entropy for classes and squared for values"
                    .formatted(
                            network.loss().name().toLowerCase(java.util.Locale.ROOT),
                            data.isClassification() ? "class" : "regression"));
        }
    }

    /** A session from epoch 0: the manifest and a "running" summary first. */
    private RunResult start(List<DataFiles.DataFile> files, List<?> earlierSessions) {
        long started = System.nanoTime();
        try {
            manifest = Manifest.start(directory, model.experiment(), options.info(), data, files, earlierSessions);
            directory.writeSummary(model.experiment(), RunStatus.RUNNING, List.of(), null, null);
        } catch (RunDirectory.WriteFailure e) {
            return fail(e.getMessage(), started);
        }
        return trainFrom(0);
    }

    /** A resumed session: the files rewritten from the checkpoint first (a kill may have come between them). */
    private RunResult continueFrom(int epochsCompleted, Map<String, Object> recorded) {
        long started = System.nanoTime();
        try {
            manifest = Manifest.resume(directory, recorded, options.info());
            directory.writeMetrics(model.experiment(), history);
            directory.writeSummary(model.experiment(), RunStatus.RUNNING, history, null, null);
        } catch (RunDirectory.WriteFailure e) {
            return fail(e.getMessage(), started);
        }
        return trainFrom(epochsCompleted);
    }

    private RunResult trainFrom(int firstEpoch) {
        long started = System.nanoTime();
        try (Progress progress = Progress.of(options.progress())) {
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
            return complete(started);
        } catch (RunDirectory.WriteFailure e) {
            return fail(e.getMessage(), started);
        } catch (RuntimeException | Error e) {
            // Not the run's fault to hide: record it when possible, then let it reach the caller.
            try {
                recordFailure(e instanceof RunException ? e.getMessage() : "internal error: " + e, started);
            } catch (RuntimeException | Error secondary) {
                e.addSuppressed(secondary);
            }
            throw e;
        }
    }

    /** Every epoch trained: the test set, the final plots, then the summary that marks the run completed. */
    private RunResult complete(long started) {
        Evaluation test = evaluator.on(data.test(), data.isClassification());
        double wall = elapsed(started);
        if (directory != null) {
            writePlots();
            directory.writeSummary(model.experiment(), RunStatus.COMPLETED, history, test, null);
            manifest.endSession(RunStatus.COMPLETED, wall);
        }
        return new RunResult(RunStatus.COMPLETED, history, test, null, wall, path());
    }

    private RunResult stop(RunStatus status, String message, long started) {
        double wall = elapsed(started);
        if (directory != null) {
            writePlots();
            directory.writeSummary(model.experiment(), status, history, null, message);
            manifest.endSession(status, wall);
        }
        return new RunResult(status, history, null, message, wall, path());
    }

    /**
     * A file could not be written (a full disk): temporary files are removed, which frees the space a
     * half-written checkpoint took, and the summary says why the run stopped. The last checkpoint stays.
     */
    private RunResult fail(String problem, long started) {
        String message = problem
                + ". The last checkpoint (end of epoch %d) is kept; once the problem is fixed, resume the run."
                        .formatted(history.size());
        String recorded = recordFailure(message, started);
        return new RunResult(RunStatus.FAILED, history, null, recorded, elapsed(started), path());
    }

    /** Records a failure in the summary when it can; returns the message, noting when even that failed. */
    private String recordFailure(String message, long started) {
        if (directory == null) {
            return message;
        }
        try {
            directory.removeTemporaryFiles();
            directory.writeSummary(model.experiment(), RunStatus.FAILED, history, null, message);
            if (manifest != null) {
                manifest.endSession(RunStatus.FAILED, elapsed(started));
            }
            return message;
        } catch (RunException e) {
            return message + " (" + e.getMessage() + ", so summary.json does not say so)";
        }
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
            if (options.stop().requested()) {
                return new EpochOutcome.Stopped(RunStatus.INTERRUPTED, interruption(epoch));
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
        return new EpochOutcome.Finished(
                epochMetrics(epoch, lr, lossSum / seen, accuracy(correct, seen), seen / seconds, seconds));
    }

    private String interruption(int epoch) {
        String resume = options.info().resumeCommand();
        return "interrupted during epoch %d (%s); %s finishes it from the end of epoch %d"
                .formatted(epoch + 1, options.stop().reason(), resume.isEmpty() ? "resuming" : resume, epoch);
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

    private EpochMetrics epochMetrics(
            int epoch, double lr, double dataLoss, double trainAccuracy, double rate, double seconds) {
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

    /**
     * The checkpoint first (it is what a resume starts from), then the files derived from it: metrics, the
     * "running" summary and, every few seconds, the plots.
     */
    private void saveEpoch(int epochsCompleted, double elapsedSeconds) {
        if (directory == null) {
            return;
        }
        Experiment experiment = model.experiment();
        Checkpoint.Metadata meta = new Checkpoint.Metadata(
                experiment.name(),
                experiment.training().seed(),
                experiment.training().epochs(),
                epochsCompleted,
                model.optimizer().steps(),
                elapsedSeconds,
                history);
        Map<String, INDArray> arrays = new LinkedHashMap<>(model.liveArrays());
        arrays.putAll(model.optimizer().snapshot());
        directory.writeCheckpoint(new Checkpoint(meta, arrays));
        directory.writeMetrics(experiment, history);
        directory.writeSummary(experiment, RunStatus.RUNNING, history, null, null);
        boolean last = epochsCompleted == experiment.training().epochs();
        if (!last && System.nanoTime() - lastPlot >= PLOT_INTERVAL_NANOS) {
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
            ChartGuard.drawWithin(
                    PLOT_DEADLINE,
                    () -> Plots.write(directory.path(), model.experiment().name(), history));
        } catch (TimeoutException e) {
            System.err.printf(
                    "warning: drawing the plots in %s took more than %d s; they were skipped%n",
                    directory.path(), PLOT_DEADLINE.toSeconds());
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: could not draw the plots in " + directory.path() + ": " + e);
        }
    }
}

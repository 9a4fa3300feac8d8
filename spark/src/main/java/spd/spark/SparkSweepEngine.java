package spd.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.ShutdownHookManager;
import scala.runtime.BoxedUnit;
import spd.compiler.sweep.PointOutcome;
import spd.compiler.sweep.RunRecord;
import spd.compiler.sweep.SweepEngine;
import spd.compiler.sweep.SweepJob;
import spd.compiler.sweep.SweepPoint;
import spd.compiler.sweep.SweepProgress;

/**
 * Runs a sweep on Apache Spark: every point is a Spark job of one task ({@link PointTask}), submitted all at
 * once and scheduled first come first served over the workers: the threads of an embedded
 * {@code local[jobs]} context, or the executors of a cluster. A job per point, rather than one job of all
 * points, keeps a point that Spark gives up on (after its task retries) from cancelling the others.
 */
public final class SparkSweepEngine implements SweepEngine {
    /** Above Spark's own hook that stops the context (priority 50): higher runs first. */
    private static final int STOP_PRIORITY = 100;

    @Override
    public List<RunRecord> run(SweepJob job) throws InterruptedException {
        String marker;
        try {
            marker = SharedStorage.mark(job.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SparkLogging.quiet(job.master().isEmpty());
        SparkConf conf = SparkSettings.of(job);
        EngineTiming timing = new EngineTiming();
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            timing.sparkStarted();
            runPoints(spark, job, new PointTask(marker), timing);
        }
        timing.log(job.master().isEmpty() ? job.localWorkers() : 0);
        return job.points().stream()
                .map(RunRecord::read)
                .flatMap(Optional::stream)
                .toList();
    }

    /** Submits a job per point, all at once, and waits for every one, reporting each as it finishes. */
    private static void runPoints(JavaSparkContext spark, SweepJob job, PointTask task, EngineTiming timing)
            throws InterruptedException {
        AtomicBoolean stopping = new AtomicBoolean();
        // Runs before Spark stops its context on Ctrl-C, so that the jobs it cancels read as stopped, not failed.
        ShutdownHookManager.addShutdownHook(STOP_PRIORITY, () -> {
            stopping.set(true);
            return BoxedUnit.UNIT;
        });
        SweepProgress progress = new SweepProgress(job.points().size(), job.progress());
        List<Thread> waiting = new ArrayList<>();
        for (SweepPoint point : job.points()) {
            spark.setJobDescription(point.groupLabel() + " seed " + point.seed());
            JavaFutureAction<List<PointOutcome>> action = spark.parallelize(List.of(PointSpec.of(point, job)), 1)
                    .map(task)
                    .collectAsync();
            waiting.add(Thread.ofVirtual().start(() -> {
                PointOutcome outcome = outcome(action, stopping);
                timing.finished(outcome);
                progress.finished(point, outcome);
            }));
        }
        try {
            for (Thread thread : waiting) {
                thread.join();
            }
        } catch (InterruptedException e) {
            spark.cancelAllJobs();
            throw e;
        }
    }

    /** The outcome a point's task returned, or a failure with Spark's reason when Spark gave up on it. */
    private static PointOutcome outcome(JavaFutureAction<List<PointOutcome>> action, AtomicBoolean stopping) {
        try {
            PointOutcome outcome = action.get().getFirst();
            return outcome.failed() && stopping.get() ? PointOutcome.stopped() : outcome;
        } catch (ExecutionException e) {
            if (stopping.get()) {
                return PointOutcome.stopped();
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new PointOutcome(PointOutcome.Kind.FAILED, "", -1, firstLine(String.valueOf(cause.getMessage())), 0);
        } catch (InterruptedException e) {
            action.cancel(true);
            Thread.currentThread().interrupt();
            return PointOutcome.stopped();
        }
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}

package spd.spark;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spd.compiler.sweep.PointOutcome;

/**
 * Where a sweep's time goes outside its runs: Spark's start, and the time a worker slot spends on a point beyond
 * the point's own {@code spd run} process (scheduling, the task's checks, reporting). Logged at info level
 * ({@code -Dorg.slf4j.simpleLogger.log.spd.spark=info}); {@code scripts/bench-sweep} reads it.
 */
final class EngineTiming {
    private static final Logger LOG = LoggerFactory.getLogger(EngineTiming.class);
    private final long created = System.nanoTime();
    private long sparkStarted;
    private double pointSeconds;
    private int pointsRun;

    void sparkStarted() {
        sparkStarted = System.nanoTime();
    }

    synchronized void finished(PointOutcome outcome) {
        if (outcome.kind() != PointOutcome.Kind.ALREADY_DONE && outcome.seconds() > 0) {
            pointSeconds += outcome.seconds();
            pointsRun++;
        }
    }

    /**
     * Logs the timing once every point is done.
     *
     * @param slots how many points ran at a time (the embedded workers), or 0 when a cluster decided
     */
    synchronized void log(int slots) {
        double start = (sparkStarted - created) / 1e9;
        double points = (System.nanoTime() - sparkStarted) / 1e9;
        String overhead = slots <= 0 || pointsRun == 0
                ? ""
                : String.format(
                        Locale.ROOT,
                        "; %.2f s per point beyond its spd run process",
                        (slots * points - pointSeconds) / pointsRun);
        LOG.info(String.format(
                Locale.ROOT,
                "Spark started in %.2f s; %d point(s) ran in %.2f s, %.2f s each on average" + " (%d at a time)%s",
                start,
                pointsRun,
                points,
                pointsRun == 0 ? 0 : pointSeconds / pointsRun,
                slots,
                overhead));
    }
}

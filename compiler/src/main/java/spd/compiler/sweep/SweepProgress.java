package spd.compiler.sweep;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

/** One line per finished point of a sweep, numbered in the order they finish: its result, or why it failed. */
public final class SweepProgress {
    private final int total;
    private final PrintWriter out;
    private int done;

    public SweepProgress(int total, PrintWriter out) {
        this.total = total;
        this.out = out;
    }

    /** Reports a point: its result as its run directory records it, or its failure. */
    public synchronized void finished(SweepPoint point, PointOutcome outcome) {
        done++;
        Optional<RunRecord> record = RunRecord.read(point);
        if (outcome.kind() == PointOutcome.Kind.STOPPED) {
            out.printf(
                    Locale.ROOT,
                    "[%d/%d] %s seed %d: stopped with the sweep; running the sweep again resumes it%n",
                    done,
                    total,
                    point.groupLabel(),
                    point.seed());
        } else if (outcome.failed() || record.isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "[%d/%d] %s seed %d: failed%s: %s; log %s%n",
                    done,
                    total,
                    point.groupLabel(),
                    point.seed(),
                    outcome.host().isEmpty() ? "" : " on " + outcome.host(),
                    outcome.reason(),
                    point.directory().resolve(PointProcess.LOG));
        } else {
            RunRecord run = record.get();
            String error = run.classification()
                    ? String.format(Locale.ROOT, "test error %.2f%%", 100 * run.testError())
                    : String.format(Locale.ROOT, "test MSE %.4g", run.testError());
            String note = switch (outcome.kind()) {
                case ALREADY_DONE -> " (already done)";
                case RESUMED -> " (resumed)";
                case TRAINED, FAILED, STOPPED -> "";
            };
            out.printf(
                    Locale.ROOT,
                    "[%d/%d] %s seed %d: %s, %s, nonzero %.2f%%, %.0f s%s%n",
                    done,
                    total,
                    point.groupLabel(),
                    point.seed(),
                    run.status(),
                    error,
                    100 * run.nonzeroFraction(),
                    run.wallSeconds(),
                    note);
        }
        out.flush();
    }
}

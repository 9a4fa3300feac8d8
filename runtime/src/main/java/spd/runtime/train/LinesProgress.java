package spd.runtime.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress for logs, pipes and CI: one line per finished epoch and, during an epoch that runs longer than
 * the heartbeat interval, a line every interval with how far it got. Never a carriage return.
 */
final class LinesProgress implements Progress {
    /** A heartbeat line at most this often within an epoch. */
    static final long DEFAULT_HEARTBEAT_NANOS = 30_000_000_000L;

    private final PrintStream out;
    private final long heartbeatNanos;
    private int epoch;
    private int epochs;
    private int steps;
    private int step;
    private long lastLine;

    LinesProgress(PrintStream out, long heartbeatNanos) {
        this.out = out;
        this.heartbeatNanos = heartbeatNanos;
    }

    @Override
    public void startEpoch(int epoch, int epochs, int steps, double lastNonzeroFraction) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.steps = steps;
        this.step = 0;
        this.lastLine = System.nanoTime();
    }

    @Override
    public void step(double loss, double accuracy, double samplesPerSecond) {
        step++;
        long now = System.nanoTime();
        if (now - lastLine < heartbeatNanos) {
            return;
        }
        lastLine = now;
        out.printf(
                Locale.ROOT,
                "epoch %d/%d: %d of %d steps (%.0f%%), loss %.4g%s, %,.0f samples/s%n",
                epoch + 1,
                epochs,
                step,
                steps,
                100.0 * step / steps,
                loss,
                Double.isNaN(accuracy) ? "" : String.format(Locale.ROOT, ", accuracy %.2f%%", 100 * accuracy),
                samplesPerSecond);
        out.flush();
    }

    @Override
    public void endEpoch(EpochMetrics metrics) {
        out.println(EpochLine.of(metrics, epochs));
        out.flush();
    }
}

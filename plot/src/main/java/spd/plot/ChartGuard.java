package spd.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps chart drawing bounded whatever the numbers are, as a diverging run produces them: a value that is not finite
 * or beyond {@value #LARGEST_DRAWN} in magnitude is not drawn (a gap in its line), so axis ranges and their
 * differences stay finite; and {@link #drawWithin} runs a drawing under a deadline, the last line of defence for a
 * training loop that must never wait on its plots.
 */
public final class ChartGuard {
    /** The largest magnitude drawn; beyond it a value is left out (a gap in the curve). */
    public static final double LARGEST_DRAWN = 1e300;

    private ChartGuard() {}

    /** Whether a value is drawn: finite and at most {@link #LARGEST_DRAWN} in magnitude. */
    public static boolean isDrawable(double value) {
        return Double.isFinite(value) && Math.abs(value) <= LARGEST_DRAWN;
    }

    /** A copy of {@code values} with NaN wherever a value is not drawable. */
    public static double[] plottable(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = isDrawable(values[i]) ? values[i] : Double.NaN;
        }
        return out;
    }

    /** Drawing code that may fail with an I/O error. */
    @FunctionalInterface
    public interface Drawing {
        /** Draws and writes the chart files. */
        void draw() throws IOException;
    }

    /**
     * Runs {@code drawing} on a daemon thread and waits at most {@code limit} for it. On time-out the drawing is
     * abandoned (its thread cannot be stopped, but being a daemon it never keeps the process alive).
     *
     * @throws TimeoutException when the drawing did not finish in time
     * @throws IOException when the drawing failed to write its files
     */
    public static void drawWithin(Duration limit, Drawing drawing) throws IOException, TimeoutException {
        FutureTask<Void> task = new FutureTask<>(() -> {
            drawing.draw();
            return null;
        });
        Thread thread = new Thread(task, "spd-plot");
        thread.setDaemon(true);
        thread.start();
        try {
            task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while drawing");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case UncheckedIOException io -> throw io.getCause();
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }
}

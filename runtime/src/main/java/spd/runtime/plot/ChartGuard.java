package spd.runtime.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps chart drawing bounded whatever the numbers are. XChart 4.0.3 throws on an infinite value, and its
 * tick calculator runs for minutes (effectively forever) on a linear axis with a plain decimal pattern once
 * values pass about 1e19: exactly what a diverging run produces. So values are made drawable first (NaN
 * where they are not finite or beyond {@value #LARGEST_DRAWN}: XChart leaves a gap), large or tiny ones get
 * a scientific tick pattern, and the drawing itself runs under a deadline as the last line of defence.
 */
public final class ChartGuard {
  /** The largest magnitude drawn; beyond it a value is left out (a gap in the curve). */
  public static final double LARGEST_DRAWN = 1e300;
  /** Tick labels in plain decimals up to this magnitude, scientific beyond (and below 1e-3). */
  private static final double PLAIN_LARGEST = 1e6;
  private static final double PLAIN_SMALLEST = 1e-3;

  private ChartGuard() {}

  /** A copy of {@code values} with NaN wherever a value is not finite or too large to draw. */
  public static double[] plottable(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      double value = values[i];
      out[i] = Double.isFinite(value) && Math.abs(value) <= LARGEST_DRAWN ? value : Double.NaN;
    }
    return out;
  }

  /**
   * The tick pattern for an axis showing these (plottable) values: plain decimals ({@code 0.####}) when the
   * largest magnitude is between 1e-3 and 1e6 (or all are 0), else scientific ({@code 0.###E0}).
   */
  public static String decimalPattern(double[] values) {
    double largest = 0;
    for (double value : values) {
      if (!Double.isNaN(value)) {
        largest = Math.max(largest, Math.abs(value));
      }
    }
    boolean plain = largest == 0 || (largest >= PLAIN_SMALLEST && largest < PLAIN_LARGEST);
    return plain ? "0.####" : "0.###E0";
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
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
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

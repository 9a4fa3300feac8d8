package spd.compiler.numeric;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Speed of the numeric library, excluded from the default test run. Run with
 * {@code mvn -pl compiler test -Dspd.excluded.test.groups=none -Dgroups=benchmark -Dtest=NumericBenchmarkTest}.
 * Each case is warmed up, then timed as the median of several repetitions.
 */
@Tag("benchmark")
class NumericBenchmarkTest {

  private static final int WARM_UP = 20;
  private static final int REPETITIONS = 15;

  /** The figure's grid: 200 points of logspace(-2, log10 5). */
  private static double[] figureGrid(int n) {
    double[] ws = new double[n];
    for (int i = 0; i < n; i++) {
      ws[i] = Math.pow(10, -2 + (Math.log10(5) + 2) * i / (n - 1));
    }
    return ws;
  }

  private static double medianMillis(Supplier<?> work) {
    for (int i = 0; i < WARM_UP; i++) {
      work.get();
    }
    double[] times = new double[REPETITIONS];
    for (int i = 0; i < REPETITIONS; i++) {
      long start = System.nanoTime();
      work.get();
      times[i] = (System.nanoTime() - start) / 1e6;
    }
    java.util.Arrays.sort(times);
    return times[REPETITIONS / 2];
  }

  @Test
  void variationalDropoutOmegaAt200Points() {
    double[] ws = figureGrid(200);
    VariationalDropout exact = VariationalDropout.exact(1, 1, Tolerance.DEFAULT);
    VariationalDropout approximate = VariationalDropout.approximate(1, 1, Tolerance.DEFAULT);
    double vectorised = medianMillis(() -> exact.omega(ws));
    double pointwise = medianMillis(() -> {
      double sum = 0;
      for (double w : ws) {
        sum += exact.omega(w).value();
      }
      return sum;
    });
    double approximateVectorised = medianMillis(() -> approximate.omega(ws));
    System.out.printf("VD exact Omega, 200 points: vectorised %.2f ms, pointwise %.2f ms; approx KL %.2f ms%n",
        vectorised, pointwise, approximateVectorised);
    assertTrue(vectorised < 200, "target: 200 points under 200 ms, took " + vectorised);
  }

  @Test
  void dawsonEvaluations() {
    int n = 1_000_000;
    double millis = medianMillis(() -> {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += Dawson.value(0.5 + 49.5 * i / n);
      }
      return sum;
    });
    System.out.printf("Dawson: %.1f ns per evaluation (x in [0.5, 50], Rybicki region)%n", millis * 1e6 / n);
  }
}

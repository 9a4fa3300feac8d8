package spd.runtime.nn;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;

/**
 * How many threads the convolutions split their chunks over: the system property {@code spd.threads}, else
 * {@code OMP_NUM_THREADS} (which also sets OpenBLAS's and libnd4j's threads, so one setting governs the whole
 * step), else 1; never more than the machine's processors.
 */
final class ComputeThreads {
  private static final int COUNT = fromEnvironment();
  private static final ConcurrentHashMap<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

  private ComputeThreads() {}

  /** The configured number of compute threads. */
  static int count() {
    return COUNT;
  }

  /** A pool of {@code threads} workers (one per thread count, created on first use). */
  static ForkJoinPool pool(int threads) {
    return POOLS.computeIfAbsent(threads, ForkJoinPool::new);
  }

  private static int fromEnvironment() {
    String value = System.getProperty("spd.threads", System.getenv("OMP_NUM_THREADS"));
    int requested = 1;
    if (value != null) {
      try {
        requested = Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        requested = 1;
      }
    }
    return Math.max(1, Math.min(requested, Runtime.getRuntime().availableProcessors()));
  }
}

package spd.runtime.base;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * How many threads the step's chunked loops (convolutions, element-wise passes) split their chunks over: the
 * system property {@code spd.threads}, else {@code OMP_NUM_THREADS} (which also sets OpenBLAS's and libnd4j's
 * threads, so one setting governs the whole step), else 1; never more than the machine's processors.
 */
public final class ComputeThreads {
    private static final int COUNT = fromEnvironment();
    private static final ConcurrentHashMap<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();
    private static final ThreadLocal<Integer> OVERRIDE = new ThreadLocal<>();

    private ComputeThreads() {}

    /** The configured number of compute threads (or the count {@link #with} set on this thread). */
    public static int count() {
        Integer override = OVERRIDE.get();
        return override != null ? override : COUNT;
    }

    /**
     * Runs {@code task} with {@link #count} returning {@code threads} on the calling thread (not capped by the
     * machine's processors), so one process can compare a run at one thread with the same run at two.
     */
    public static <T> T with(int threads, Supplier<T> task) {
        Integer previous = OVERRIDE.get();
        OVERRIDE.set(Math.max(1, threads));
        try {
            return task.get();
        } finally {
            OVERRIDE.set(previous);
        }
    }

    /** A pool of {@code threads} workers (one per thread count, created on first use). */
    public static ForkJoinPool pool(int threads) {
        return POOLS.computeIfAbsent(threads, ForkJoinPool::new);
    }

    /**
     * Runs {@code body} for every chunk 0..chunks-1 on {@code threads} threads: the caller and threads - 1 pool
     * workers take the next chunk until none is left. Which thread runs a chunk varies; callers keep results
     * independent of it by giving each chunk its own output range.
     */
    public static void forEachChunk(int chunks, int threads, IntConsumer body) {
        int helpers = Math.min(threads, chunks) - 1;
        if (helpers <= 0) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                body.accept(chunk);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                body.accept(chunk);
            }
        };
        ForkJoinPool pool = pool(threads);
        ForkJoinTask<?>[] submitted = new ForkJoinTask<?>[helpers];
        for (int i = 0; i < helpers; i++) {
            submitted[i] = pool.submit(worker);
        }
        worker.run();
        for (ForkJoinTask<?> task : submitted) {
            task.join();
        }
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

package spd.runtime.reg;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import spd.runtime.base.ComputeThreads;
import spd.runtime.nn.Activation;
import spd.runtime.nn.Dense;
import spd.runtime.nn.DenseSpec;

/**
 * The runtime's chunked element-wise loops at LeNet-300-100's sizes (Bernoulli DropConnect sampling, exp and
 * Gaussian noise over the first layer's 235,200 weights) at one compute thread
 * and at two, interleaved repetition by repetition in one process; prints the fastest repetition of each (the
 * least disturbed on a shared machine) in wall time and, for a busy machine, in CPU time of the busiest thread
 * (what the wall time would be if both threads ran undisturbed), with the ratios. Run by hand: {@code java -cp <runtime test classpath>
 * spd.runtime.reg.ElementwiseKernelsBenchmark [repetitions]}.
 */
public final class ElementwiseKernelsBenchmark {
    private static final int FIRST_LAYER = 784 * 300;

    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

    /** CPU time of the compute pool's worker threads (ForkJoinPool's default names), all together. */
    private static long workerCpuTime() {
        long sum = 0;
        for (ThreadInfo info : THREAD.getThreadInfo(THREAD.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("ForkJoinPool-")) {
                sum += Math.max(0, THREAD.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    /**
     * The fastest repetition by each measure, in nanoseconds: wall time; CPU time of the busiest thread (the
     * caller, or the pool's workers together: the loop's critical path without interference); the CPU time of
     * the caller and the workers together.
     */
    private static final class Best {
        double wall = Double.MAX_VALUE;
        double busiest = Double.MAX_VALUE;
        double total = Double.MAX_VALUE;

        void add(long wallNanos, long busiestNanos, long totalNanos) {
            wall = Math.min(wall, wallNanos);
            busiest = Math.min(busiest, busiestNanos);
            total = Math.min(total, totalNanos);
        }
    }

    private ElementwiseKernelsBenchmark() {}

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Map<String, IntConsumer> kernels = new LinkedHashMap<>();
        kernels.put("Bernoulli DropConnect sample (235,200 weights)", bernoulli());
        float[] x = new float[FIRST_LAYER];
        float[] y = new float[FIRST_LAYER];
        kernels.put("exp (235,200 values)", t -> ElementMath.exp(x, 0.5f, 0f, y, FIRST_LAYER));
        kernels.put("Gaussian noise (235,200 values)", t -> ElementMath.gaussian(t, y, FIRST_LAYER));
        kernels.put(
                "VarDrop, no reparam.: noise, slopes, gradients (235,200 weights)", stepOf(VariationalDropout.none()));
        kernels.put("VarDrop, local reparam.: slopes, gradients (235,200 weights)", stepOf(VariationalDropout.local()));
        kernels.put("VarDrop, additive: slopes, gradients (235,200 weights)", stepOf(VariationalDropout.additive()));
        kernels.put("hard concrete: gates, gradients (235,200 weights)", stepOf(HardConcrete.of(1e-4)));
        System.out.printf(
                Locale.ROOT,
                "load average %.1f at start%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println(
                "| loop | 1 thread µs | 2 threads µs | speed-up | 1 thread CPU µs | 2 threads: busiest thread"
                        + " CPU µs | CPU speed-up | 2 threads: total CPU µs |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        kernels.forEach((name, kernel) -> {
            Best[] best = {null, new Best(), new Best()};
            for (int r = 0; r < repetitions; r++) {
                for (int threads = 1; threads <= 2; threads++) {
                    int rep = r;
                    long workers = workerCpuTime();
                    long caller = THREAD.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    ComputeThreads.with(threads, () -> {
                        kernel.accept(rep);
                        return null;
                    });
                    long wall = System.nanoTime() - start;
                    long callerCpu = THREAD.getCurrentThreadCpuTime() - caller;
                    long workerCpu = workerCpuTime() - workers;
                    best[threads].add(wall, Math.max(callerCpu, workerCpu), callerCpu + workerCpu);
                }
            }
            // At one thread the caller does everything: its own CPU time is the loop's (other threads' is noise).
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f | %.0f |%n",
                    name,
                    best[1].wall / 1e3,
                    best[2].wall / 1e3,
                    best[1].wall / best[2].wall,
                    best[1].total / 1e3,
                    best[2].busiest / 1e3,
                    best[1].total / best[2].busiest,
                    best[2].total / 1e3);
        });
        System.out.printf(
                Locale.ROOT,
                "load average %.1f at end%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** A rule's per-weight work of a step on LeNet-300-100's first layer: the hook before it, the gradient after. */
    private static IntConsumer stepOf(Regularizer rule) {
        Dense layer = Dense.initialised(new DenseSpec("fc1", 784, 300, Activation.RELU, true), 1);
        LayerRegularizer state = rule.attach(layer);
        TestStepContext context = new TestStepContext(3, 1e-3);
        return t -> {
            context.setStep(t);
            state.beforeStep(context);
            state.backwardWeights(layer.weight().gradient());
        };
    }

    private static IntConsumer bernoulli() {
        Dense layer = Dense.initialised(new DenseSpec("fc1", 784, 300, Activation.RELU, true), 1);
        LayerRegularizer state = Regularizers.bernoulliFixed(0.7).attach(layer);
        TestStepContext context = new TestStepContext(3, 1e-3);
        return t -> {
            context.setStep(t);
            state.beforeStep(context);
        };
    }
}

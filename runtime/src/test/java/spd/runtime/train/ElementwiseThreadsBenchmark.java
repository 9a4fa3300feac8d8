package spd.runtime.train;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import spd.runtime.Experiment;
import spd.runtime.base.ComputeThreads;
import spd.runtime.data.Dataset;
import spd.runtime.examples.Lenet300AdaTikhonov;
import spd.runtime.examples.Lenet300EtaTrick;
import spd.runtime.examples.Lenet300HardConcrete;
import spd.runtime.examples.Lenet300Plain;
import spd.runtime.examples.Lenet300VarDropLocal;
import spd.runtime.examples.Lenet300VarDropNone;

/**
 * The training step of LeNet-300-100 examples with the runtime's element-wise loops on one compute thread and
 * on two, interleaved block by block in one process (OpenBLAS keeps the threads OMP_NUM_THREADS gave it in
 * both), on random MNIST-shaped data; prints the best block of each and the ratio, with the load average.
 * Run by hand: {@code OMP_NUM_THREADS=2 java -cp <runtime test classpath>
 * spd.runtime.train.ElementwiseThreadsBenchmark [rounds] [steps]}.
 */
public final class ElementwiseThreadsBenchmark {
    private ElementwiseThreadsBenchmark() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        Dataset data = Fixtures.blobs(2048, 784, 10, 5);
        Map<String, Experiment> experiments = new LinkedHashMap<>();
        for (Experiment e : List.of(
                new Lenet300Plain().experiment(),
                new Lenet300AdaTikhonov().experiment(),
                new Lenet300EtaTrick().experiment(),
                new Lenet300VarDropLocal().experiment(),
                new Lenet300VarDropNone().experiment(),
                new Lenet300HardConcrete().experiment())) {
            experiments.put(e.name(), e);
        }
        System.out.printf(
                Locale.ROOT,
                "load average %.1f at start, OMP_NUM_THREADS=%s%n",
                os.getSystemLoadAverage(),
                System.getenv("OMP_NUM_THREADS"));
        System.out.println("| example | 1 thread steps/s | 2 threads steps/s | ratio |");
        System.out.println("|---|---|---|---|");
        for (Experiment experiment : experiments.values()) {
            StepTimer[] timers = new StepTimer[3];
            double[] best = new double[3];
            for (int threads = 1; threads <= 2; threads++) {
                int t = threads;
                timers[t] = ComputeThreads.with(t, () -> StepTimer.of(experiment, data));
                ComputeThreads.with(t, () -> timers[t].time(steps)); // warm-up
            }
            for (int round = 0; round < rounds; round++) {
                for (int threads = 1; threads <= 2; threads++) {
                    int t = threads;
                    double rate =
                            ComputeThreads.with(t, () -> timers[t].time(steps)).stepsPerSecond();
                    best[t] = Math.max(best[t], rate);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.0f | %.0f | %.2f |%n",
                    experiment.name(),
                    best[1],
                    best[2],
                    best[2] / best[1]);
        }
        System.out.printf(Locale.ROOT, "load average %.1f at end%n", os.getSystemLoadAverage());
    }
}

package spd.runtime.train;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import spd.runtime.Experiment;
import spd.runtime.data.DataLoader;
import spd.runtime.data.Dataset;

/**
 * Times the real training step of an experiment (the trainer's step: hooks, forward, backward, update, the
 * NaN check), without evaluation or files, for benchmarks. Each block of steps starts a new epoch (a new
 * shuffle, outside the timed part), so a long benchmark walks through the rules' schedules as a run does.
 */
public final class StepTimer {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final StepRunner runner;
    private final double learningRate;
    private int epoch;

    private StepTimer(Experiment experiment, Dataset data) {
        Model model = new Model(experiment, data.train().size());
        this.runner = new StepRunner(
                model, new TrainingData(data.train(), experiment.training().batch()));
        this.learningRate = experiment.training().learningRate(0);
    }

    /** A timer of {@code experiment}'s step on {@code data} (already loaded, e.g. shared by several experiments). */
    public static StepTimer of(Experiment experiment, Dataset data) {
        return new StepTimer(experiment, data);
    }

    /** Wall-clock and thread CPU seconds of a block of training steps. */
    public record StepTiming(int steps, double wallSeconds, double cpuSeconds) {
        /** Steps per wall-clock second. */
        public double stepsPerSecond() {
            return steps / wallSeconds;
        }

        /**
         * Steps per second of the calling thread's CPU time: the rate without interference from other processes,
         * meaningful when all arithmetic runs on that thread (one thread).
         */
        public double stepsPerCpuSecond() {
            return steps / cpuSeconds;
        }
    }

    /** Times one block of {@code steps} steps, cycling through the batches of a fresh epoch. */
    public StepTiming time(int steps) {
        int batches = runner.startEpoch(epoch++, learningRate).size();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            String problem =
                    runner.nonFinite(runner.step(s % batches, learningRate).lossSum());
            if (problem != null) {
                throw new IllegalStateException("the benchmarked step diverged: " + problem);
            }
        }
        return new StepTiming(steps, (System.nanoTime() - wall) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
    }

    /**
     * {@code blocks} blocks of {@code steps} steps each on the experiment's own data (the first block warms up
     * the JIT and the workspace).
     */
    public static List<StepTiming> time(Experiment experiment, int steps, int blocks) {
        StepTimer timer = of(experiment, DataLoader.load(experiment.data(), null));
        List<StepTiming> timings = new ArrayList<>();
        for (int block = 0; block < blocks; block++) {
            timings.add(timer.time(steps));
        }
        return timings;
    }
}

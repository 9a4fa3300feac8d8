package spd.runtime.train;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import spd.runtime.Experiment;
import spd.runtime.data.DataLoader;
import spd.runtime.data.Dataset;

/** Times the real training step of an experiment, without evaluation or files, for benchmarks. */
public final class StepTimer {
  private StepTimer() {}

  /** Wall-clock and thread CPU seconds of a block of training steps. */
  public record StepTiming(int steps, double wallSeconds, double cpuSeconds) {
    /** Steps per wall-clock second. */
    public double stepsPerSecond() {
      return steps / wallSeconds;
    }

    /** Steps per second of this thread's CPU time: the rate without interference from other processes. */
    public double stepsPerCpuSecond() {
      return steps / cpuSeconds;
    }
  }

  /**
   * {@code blocks} blocks of {@code steps} steps each on the experiment's data (the first block warms up the
   * JIT and the workspace). With one native thread all arithmetic runs on the calling thread, so its CPU time
   * is the step's cost even on a loaded machine.
   */
  public static List<StepTiming> time(Experiment experiment, int steps, int blocks) {
    Dataset data = DataLoader.load(experiment.data(), null);
    Model model = new Model(experiment, data.train().size());
    TrainingData training = new TrainingData(data.train(), experiment.training().batch());
    StepRunner runner = new StepRunner(model, training);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double lr = experiment.training().learningRate(0);
    List<StepTiming> timings = new ArrayList<>();
    for (int block = 0; block < blocks; block++) {
      int batches = runner.startEpoch(block, lr).size();
      long cpu = threads.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        runner.nonFinite(runner.step(s % batches, lr).lossSum());
      }
      timings.add(new StepTiming(steps, (System.nanoTime() - wall) / 1e9, (threads.getCurrentThreadCpuTime() - cpu) / 1e9));
    }
    return timings;
  }
}

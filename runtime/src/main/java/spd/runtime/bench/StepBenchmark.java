package spd.runtime.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.Experiment;
import spd.runtime.SpdExperiment;
import spd.runtime.data.DataSpec;
import spd.runtime.data.Dataset;
import spd.runtime.data.Split;
import spd.runtime.device.NativeEnvironment;
import spd.runtime.examples.Lenet300AdaDrop;
import spd.runtime.examples.Lenet300AdaProx;
import spd.runtime.examples.Lenet300AdaTikhonov;
import spd.runtime.examples.Lenet300LogSum;
import spd.runtime.examples.Lenet300EtaTrick;
import spd.runtime.examples.Lenet300HardConcrete;
import spd.runtime.examples.Lenet300MagnitudePruning;
import spd.runtime.examples.Lenet300Plain;
import spd.runtime.examples.Lenet300VarDropAdditive;
import spd.runtime.examples.Lenet300VarDropLocal;
import spd.runtime.examples.Lenet300VarDropNone;
import spd.runtime.reg.MagnitudePruning;
import spd.runtime.train.StepTimer;

/**
 * Measures training steps per second of LeNet-300-100 at batch 128 on random MNIST-shaped data, through the
 * trainer's real step (hooks, forward, backward, Adam, checks), after a warm-up epoch, and compares each rule
 * with the PyTorch reference measured on this machine.
 *
 * <p>Usage: {@code StepBenchmark [steps-per-block] [rule ...]}; rules: plain logsum adatikhonov adadrop
 * adaprox. Set {@code OMP_NUM_THREADS} to choose the thread count; the missing native settings are added by
 * re-launching.
 */
public final class StepBenchmark {
  /** FLOPs of one LeNet-300-100 training step at batch 128: forward, weight gradients, input gradients. */
  public static final double STEP_FLOP = 144.2e6;
  /** The core's measured sgemm rate used for the fraction column. */
  public static final double CORE_FLOPS = 100e9;

  /** One benchmarked rule with PyTorch's steps/s at one and two threads. */
  public record Case(String name, SpdExperiment experiment, double torchOneThread, double torchTwoThreads) {}

  /**
   * The measurement of one case: the best wall-clock rate, and the rate per CPU second of the main thread in
   * that block (the rate without interference from other processes; meaningful at one thread only, where all
   * arithmetic runs on the main thread).
   */
  public record Measurement(Case benchmark, double stepsPerSecond, double stepsPerCpuSecond) {
    /** spd's rate over PyTorch's at the given thread count. */
    public double ratio(int threads) {
      return stepsPerSecond / (threads >= 2 ? benchmark.torchTwoThreads : benchmark.torchOneThread);
    }

    /** The fraction of the core's gemm rate the step sustains. */
    public double gemmFraction() {
      return stepsPerSecond * STEP_FLOP / CORE_FLOPS;
    }
  }

  private StepBenchmark() {}

  /** The paper's rules of the core runtime, with the reference rates of theory/issue 4. */
  public static List<Case> cases() {
    return List.of(
        new Case("plain", new Lenet300Plain(), 407, 615),
        new Case("logsum", new Lenet300LogSum(), 268, 367),
        new Case("adatikhonov", new Lenet300AdaTikhonov(), 284, 332),
        new Case("adadrop", new Lenet300AdaDrop(), 220, 265),
        new Case("adaprox", new Lenet300AdaProx(), 276, 492),
        // The PyTorch rates: VarDrop (local reparameterization, additive) and (no reparameterization);
        // none for the log-alpha variant, hard concrete and magnitude pruning (NaN: not measured).
        new Case("etatrick", new Lenet300EtaTrick(), 128, 155),
        new Case("vardrop_ar", new Lenet300VarDropAdditive(), 92, 128),
        new Case("vardrop_lr", new Lenet300VarDropLocal(), Double.NaN, Double.NaN),
        new Case("vardrop", new Lenet300VarDropNone(), 133, 182),
        new Case("hardconcrete", new Lenet300HardConcrete(), Double.NaN, Double.NaN),
        new Case("magnitude", StepBenchmark::magnitudeWithinTheBenchmark, Double.NaN, Double.NaN));
  }

  /** The magnitude-pruning example with its ramp moved into the benchmark's few epochs (it prunes every 100 steps). */
  private static Experiment magnitudeWithinTheBenchmark() {
    Experiment declared = new Lenet300MagnitudePruning().experiment();
    MagnitudePruning ramp = MagnitudePruning.cubic(0.95, 1, 6, 100);
    return new Experiment(
        declared.name(), declared.data(), declared.network(),
        Map.of("fc1", ramp, "fc2", ramp, "fc3", ramp),
        declared.training(), declared.pruning(), declared.constants());
  }
  /**
   * The best of several blocks of {@code steps} training steps of one experiment at batch 128 on random
   * MNIST-shaped data (the machine is shared, so the best block is the least disturbed), after a warm-up block.
   */
  public static StepTimer.StepTiming measure(Experiment experiment, int steps, int blocks) {
    int batch = 128;
    Experiment onRandomData =
        new Experiment(
            experiment.name(),
            DataSpec.provided("random MNIST-shaped data", dir -> randomData(4096)),
            experiment.network(),
            experiment.regularizers(),
            experiment.training().batch(batch),
            experiment.pruning(),
            experiment.constants());
    List<StepTimer.StepTiming> timings = StepTimer.time(onRandomData, steps, blocks);
    return timings.stream().skip(1).max(java.util.Comparator.comparingDouble(StepTimer.StepTiming::stepsPerSecond)).orElseThrow();
  }

  private static Dataset randomData(int rows) {
    SplittableRandom random = new SplittableRandom(7);
    float[] x = new float[rows * 784];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] y = new float[rows * 10];
    for (int r = 0; r < rows; r++) {
      y[r * 10 + random.nextInt(10)] = 1f;
    }
    Split train = new Split(Nd4j.create(x, new long[] {rows, 784}, 'c'), Nd4j.create(y, new long[] {rows, 10}, 'c'));
    Split small = new Split(train.features().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 256)).dup(),
        train.targets().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 256)).dup());
    return new Dataset(train, small, small, 10);
  }

  /** Prints the table; re-launches itself first when native settings that decide speed are missing. */
  public static void main(String[] args) throws Exception {
    Map<String, String> missing = NativeEnvironment.missing();
    if (!missing.isEmpty() && System.getenv("SPD_BENCH_CHILD") == null) {
      missing.put("SPD_BENCH_CHILD", "1");
      System.exit(NativeEnvironment.relaunch(StepBenchmark.class, args, missing));
    }
    int steps = args.length > 0 && args[0].matches("\\d+") ? Integer.parseInt(args[0]) : 200;
    List<String> wanted = new ArrayList<>();
    for (String arg : args) {
      if (!arg.matches("\\d+")) {
        wanted.add(arg);
      }
    }
    int threads = Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "0"));
    System.out.printf(Locale.ROOT, "LeNet-300-100 training step, batch 128, OMP_NUM_THREADS=%s, OMP_WAIT_POLICY=%s, OPENBLAS_CORETYPE=%s, load average %.2f%n",
        System.getenv("OMP_NUM_THREADS"), System.getenv("OMP_WAIT_POLICY"), System.getenv("OPENBLAS_CORETYPE"),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf(Locale.ROOT, "%-12s %10s %12s %10s %8s %14s%n", "rule", "steps/s", "steps/cpu-s", "pytorch", "ratio", "gemm fraction");
    // Warm the JIT (the fused Adam loop, the loss) once, so the first rule is not measured half-compiled.
    measure(cases().get(0).experiment().experiment(), steps, 2);
    Map<String, Measurement> results = new LinkedHashMap<>();
    for (Case c : cases()) {
      if (!wanted.isEmpty() && !wanted.contains(c.name())) {
        continue;
      }
      StepTimer.StepTiming timing = measure(c.experiment().experiment(), steps, 6);
      Measurement m = new Measurement(c, timing.stepsPerSecond(), timing.stepsPerCpuSecond());
      results.put(c.name(), m);
      System.out.printf(Locale.ROOT, "%-12s %10.1f %12.1f %10.0f %8.2f %13.0f%%%n", c.name(), m.stepsPerSecond(),
          m.stepsPerCpuSecond(), threads >= 2 ? c.torchTwoThreads() : c.torchOneThread(), m.ratio(threads),
          100 * m.gemmFraction());
    }
  }
}

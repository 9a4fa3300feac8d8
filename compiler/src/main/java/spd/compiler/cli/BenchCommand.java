package spd.compiler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spd.compiler.bench.DerivationBenchmark;
import spd.compiler.bench.FrontendBenchmark;
import spd.compiler.bench.Timing;
import spd.runtime.bench.StepBenchmark;
import spd.runtime.train.StepTimer;

/**
 * {@code spd bench}: in one process, the training-step rate of every masking rule (LeNet-300-100, batch 128,
 * random data) against the PyTorch reference, then the front-end, code-generation and derivation timings of
 * the examples, printed as one Markdown report (docs/performance.md keeps a copy).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Measure training steps/s of every rule and the compile and derive timings.")
final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--steps", defaultValue = "200", paramLabel = "N", description = "Steps per timed block (default 200).")
  int steps;

  @Option(names = "--rules", split = ",", paramLabel = "RULE", description = "Only these rules (default: all).")
  List<String> rules = List.of();

  @Option(names = "--examples", defaultValue = "examples", paramLabel = "DIR", description = "The examples to time.")
  Path examples;

  @Option(names = "--skip-training", description = "Only the compile and derive timings.")
  boolean skipTraining;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "# spd bench%n%n%s%n%n", machine());
    if (!skipTraining) {
      trainingSteps(out);
    }
    compileAndDerive(out);
    out.flush();
    return 0;
  }

  private void trainingSteps(PrintWriter out) {
    int threads = Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "1"));
    out.println("## Training step (LeNet-300-100, batch 128, best of 6 blocks after warm-up)");
    out.println();
    out.println("| rule | steps/s | steps per CPU-s | PyTorch 2.13 steps/s | ratio | fraction of 100 GFLOP/s |");
    out.println("|---|---|---|---|---|---|");
    out.flush();
    List<StepBenchmark.Case> cases = StepBenchmark.cases();
    StepBenchmark.measure(cases.getFirst().experiment().experiment(), steps, 2);
    for (StepBenchmark.Case c : cases) {
      if (!rules.isEmpty() && !rules.contains(c.name())) {
        continue;
      }
      StepTimer.StepTiming timing = StepBenchmark.measure(c.experiment().experiment(), steps, 6);
      StepBenchmark.Measurement m = new StepBenchmark.Measurement(c, timing.stepsPerSecond(), timing.stepsPerCpuSecond());
      double torch = threads >= 2 ? c.torchTwoThreads() : c.torchOneThread();
      out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %s | %s | %.0f%% |%n", c.name(), m.stepsPerSecond(),
          m.stepsPerCpuSecond(), Double.isNaN(torch) ? "not measured" : String.format(Locale.ROOT, "%.0f", torch),
          Double.isNaN(torch) ? "" : String.format(Locale.ROOT, "%.2f", m.ratio(threads)), 100 * m.gemmFraction());
      out.flush();
    }
    out.println();
  }

  private void compileAndDerive(PrintWriter out) throws IOException {
    List<Timing> front = FrontendBenchmark.run(examples, 30, 30);
    List<Timing> derive = DerivationBenchmark.run(examples, 10, 15);
    out.println("## Compiler (median after warm-up, one process)");
    out.println();
    out.println("| what | files or experiments | median per item | worst median |");
    out.println("|---|---|---|---|");
    summary(out, "check (parse, check, model)", front.stream().filter(t -> t.what().startsWith("check")).toList());
    summary(out, "code generation", front.stream().filter(t -> t.what().startsWith("compile")).toList());
    summary(out, "derivation", derive.stream().filter(t -> t.what().startsWith("derive")).toList());
    summary(out, "numeric Omega at 200 points", derive.stream().filter(t -> t.what().startsWith("omega200")).toList());
    out.println();
    out.println("Slowest derivations:");
    out.println();
    derive.stream().filter(t -> t.what().startsWith("derive")).sorted((a, b) -> Double.compare(b.medianMillis(), a.medianMillis())).limit(5)
        .forEach(t -> out.printf(Locale.ROOT, "- %s: %.1f ms%n", t.what().substring("derive ".length()), t.medianMillis()));
    out.println();
  }

  private static void summary(PrintWriter out, String what, List<Timing> timings) {
    double[] medians = timings.stream().mapToDouble(Timing::medianMillis).sorted().toArray();
    if (medians.length == 0) {
      return;
    }
    out.printf(Locale.ROOT, "| %s | %d | %.2f ms | %.2f ms |%n", what, medians.length, medians[medians.length / 2],
        Arrays.stream(medians).max().orElse(0));
  }

  private static String machine() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    List<String> settings = new ArrayList<>();
    for (String name : List.of("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_CORETYPE", "MALLOC_TRIM_THRESHOLD_")) {
      settings.add(name + "=" + System.getenv().getOrDefault(name, "(unset)"));
    }
    return String.format(Locale.ROOT, "%d cores, Java %s, %s; load average %.2f when started; %s",
        os.getAvailableProcessors(), Runtime.version(), System.getProperty("os.arch"), os.getSystemLoadAverage(),
        String.join(", ", settings));
  }
}

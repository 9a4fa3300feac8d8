package spd.compiler.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import spd.compiler.codegen.CodegenException;
import spd.compiler.codegen.ExperimentClassWriter;
import spd.compiler.driver.Frontend;
import spd.compiler.driver.FrontendResult;
import spd.compiler.model.Experiment;

/**
 * Times the front end ({@code check}: parse, imports, checks, model) on every example, and code generation
 * of every trainable experiment, in one warm process. Targets: check under 20 ms per file after warm-up.
 */
public final class FrontendBenchmark {
  private FrontendBenchmark() {}

  /** Per-file check timings and per-experiment code generation timings over the examples under {@code root}. */
  public static List<Timing> run(Path examples, int warmup, int samples) throws IOException {
    List<Path> files = ExampleFiles.under(examples);
    List<Timing> timings = new ArrayList<>();
    for (Path file : files) {
      timings.add(Timing.of("check " + examples.relativize(file), warmup, samples, () -> Frontend.run(file)));
    }
    for (Path file : files) {
      FrontendResult result = Frontend.run(file);
      for (Experiment experiment : result.experiments()) {
        if (experiment.isTrainable()) {
          timings.add(Timing.of("compile " + experiment.name(), warmup, samples, () -> generate(experiment)));
        }
      }
    }
    return timings;
  }

  private static void generate(Experiment experiment) {
    try {
      ExperimentClassWriter.write(experiment);
    } catch (CodegenException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) throws IOException {
    Path examples = Path.of(args.length > 0 ? args[0] : "examples");
    for (Timing t : run(examples, 30, 30)) {
      System.out.printf("%-45s median %7.2f ms  (min %.2f, max %.2f)%n", t.what(), t.medianMillis(), t.minMillis(),
          t.maxMillis());
    }
  }
}

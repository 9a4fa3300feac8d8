package spd.compiler.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import spd.compiler.driver.DerivationInputs;
import spd.compiler.driver.Frontend;
import spd.compiler.model.Experiment;
import spd.compiler.penalty.PenaltyDeriver;

/** Times the derivation of every example experiment's effective penalty, in one warm process. */
public final class DerivationBenchmark {
  private DerivationBenchmark() {}

  public static List<Timing> run(Path examples, int warmup, int samples) throws IOException {
    List<Path> files = ExampleFiles.under(examples);
    List<Timing> timings = new ArrayList<>();
    for (Path file : files) {
      for (Experiment experiment : Frontend.run(file).experiments()) {
        var input = DerivationInputs.of(experiment);
        timings.add(Timing.of("derive " + examples.relativize(file) + " " + experiment.name(), warmup, samples,
            () -> PenaltyDeriver.derive(input)));
      }
    }
    return timings;
  }
}

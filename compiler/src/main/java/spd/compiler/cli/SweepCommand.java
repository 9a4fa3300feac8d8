package spd.compiler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spd.compiler.model.DataSpec;
import spd.compiler.model.Experiment;
import spd.compiler.sweep.RunRecord;
import spd.compiler.sweep.SweepPlan;
import spd.compiler.sweep.SweepPoint;
import spd.compiler.sweep.SweepReport;
import spd.compiler.sweep.SweepRunner;
import spd.runtime.train.RunLock;

/** {@code spd sweep FILE... --set lambda=1e-4,1e-3 --seeds 3 --jobs 2}: a grid of runs, a table and plots. */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Run a grid of experiments, constants and seeds; write a table and plots.")
final class SweepCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .spd files whose experiments to sweep.")
  List<Path> files;

  @Option(names = "--set", paramLabel = "NAME=V1,V2,...", description = "Values of a 'let' constant to try.")
  Map<String, String> grid = new LinkedHashMap<>();

  @Option(names = "--seeds", defaultValue = "1", paramLabel = "N", description = "Seeds per point (default 1).")
  int seeds;

  @Option(names = "--jobs", defaultValue = "1", paramLabel = "N", description = "Runs in parallel (default 1).")
  int jobs;

  @Option(names = "--epochs", paramLabel = "N", description = "Train every run for N epochs.")
  Integer epochs;

  @Option(names = "--out", defaultValue = "runs/sweep", paramLabel = "DIR",
      description = "Where the runs, table and plots go (default: ${DEFAULT-VALUE}); rerunning resumes. One sweep at a time writes it.")
  Path out;

  @Option(names = "--data", paramLabel = "DIR", description = "The MNIST directory.")
  Path data;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    if (seeds < 1 || jobs < 1 || (epochs != null && epochs < 1)) {
      err.println("spd sweep: --seeds, --jobs and --epochs must be at least 1");
      return Main.USER_ERROR;
    }
    Map<String, List<String>> axes = new LinkedHashMap<>();
    grid.forEach((name, values) -> {
      SweepPlan.Values parsed = SweepPlan.values(values);
      parsed.repeated().forEach(repeat -> err.printf("spd sweep: --set %s lists %s more than once; it runs once%n",
          name, repeat));
      axes.put(name, parsed.distinct());
    });
    List<SweepPlan.Target> targets = new ArrayList<>();
    boolean mnist = false;
    Set<Path> seenFiles = new HashSet<>();
    for (Path file : files) {
      if (!seenFiles.add(file.toAbsolutePath().normalize())) {
        err.printf("spd sweep: %s is given more than once; its experiments run once%n", file);
        continue;
      }
      Map<String, String> first = new LinkedHashMap<>();
      axes.forEach((name, values) -> first.put(name, values.getFirst()));
      Optional<List<Experiment>> experiments = Frontends.experiments(file, first, err);
      if (experiments.isEmpty()) {
        return Main.USER_ERROR;
      }
      for (Experiment experiment : experiments.get()) {
        if (experiment.isTrainable()) {
          targets.add(new SweepPlan.Target(file, experiment.name(), experiment.training().orElseThrow().seed()));
          mnist |= experiment.data().orElseThrow() instanceof DataSpec.Mnist;
        }
      }
    }
    if (targets.isEmpty()) {
      err.println("spd sweep: no experiment with data, a network and a train block in " + files);
      return Main.USER_ERROR;
    }
    if (mnist && !MnistFetcher.ensurePresent(data, stdout, err)) {
      return Main.USER_ERROR;
    }
    List<SweepPoint> points = SweepPlan.of(targets, axes, seeds, out);
    stdout.printf("spd sweep: %d run(s), %d at a time, into %s%n", points.size(), jobs, out);
    stdout.flush();
    Files.createDirectories(out);
    List<RunRecord> records;
    try (RunLock lock = RunLock.acquire(out, "sweep directory")) {
      records = new SweepRunner(jobs, epochs, stdout).run(points);
      SweepReport.write(records, out);
    }
    stdout.printf("spd sweep: %d of %d run(s) finished; table %s, plots %s%n",
        records.stream().filter(RunRecord::completed).count(), points.size(), out.resolve("sweep.md"),
        out.resolve("pareto.png"));
    stdout.flush();
    return records.stream().allMatch(RunRecord::completed) && records.size() == points.size() ? 0 : Main.USER_ERROR;
  }
}

package spd.compiler.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spd.compiler.codegen.CodegenException;
import spd.compiler.codegen.ExperimentClassWriter;
import spd.compiler.codegen.GeneratedClass;
import spd.compiler.codegen.InMemoryCompiler;
import spd.compiler.lang.Version;
import spd.compiler.model.DataSpec;
import spd.compiler.model.Experiment;
import spd.runtime.base.RunException;
import spd.runtime.device.Device;
import spd.runtime.device.DeviceCheck;
import spd.runtime.train.RunInfo;
import spd.runtime.train.RunOptions;
import spd.runtime.train.RunResult;
import spd.runtime.train.Trainer;

/** {@code spd run FILE}: check, generate, compile in memory and train each experiment of the file. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Train the experiments of an .spd file and report accuracy and sparsity.")
final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", arity = "0..1", description = "The .spd file to run.")
  Path file;

  @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override a 'let' constant, e.g. --set lambda=1e-2.")
  Map<String, String> overrides = Map.of();

  @Option(names = "--epochs", paramLabel = "N", description = "Train for N epochs instead of the file's number.")
  Integer epochs;

  @Option(names = "--seed", paramLabel = "S", description = "Use seed S instead of the file's (every random stream).")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR",
      description = "The run directory (default: runs/<experiment>-<date>-<time>); for a file of several experiments,"
          + " DIR/<experiment> for each.")
  Path runDirectory;

  @Option(names = "--data", paramLabel = "DIR",
      description = "The MNIST or Fashion-MNIST directory (default: MNIST $SPD_DATA, then ~/.cache/spd/mnist; Fashion-MNIST the data block's dir, then ~/.cache/spd/fashion-mnist).")
  Path data;

  @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|gpu", description = "Where to train (default: cpu).")
  String device;

  @Option(names = "--resume", paramLabel = "DIR", description = "Finish the interrupted run in DIR (give the same FILE).")
  Path resume;

  @Option(names = "--experiment", paramLabel = "NAME", description = "Run only this experiment of the file.")
  String only;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (file == null) {
      err.println("spd run: give the .spd file to run, e.g. ./spd run examples/adatikhonov_logsum.spd");
      return Main.USER_ERROR;
    }
    if (epochs != null && epochs < 1) {
      err.println("spd run: --epochs must be at least 1, not " + epochs);
      return Main.USER_ERROR;
    }
    try {
      DeviceCheck.require(Device.valueOf(device.toUpperCase(java.util.Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      err.println("spd run: unknown device '" + device + "'; use --device cpu or --device gpu");
      return Main.USER_ERROR;
    } catch (RunException e) {
      err.println("spd run: " + e.getMessage());
      return Main.USER_ERROR;
    }
    BatchStatus frontend = new BatchStatus();
    Optional<List<Experiment>> experiments = Frontends.experiments(file, overrides, err, frontend);
    if (experiments.isEmpty()) {
      return frontend.exitCode();
    }
    List<Experiment> runnable = experiments.get().stream()
        .filter(e -> only == null || e.name().equals(only)).filter(Experiment::isTrainable).toList();
    if (runnable.isEmpty()) {
      err.println("spd run: " + file + " has no experiment with data, a network and a train block"
          + (only != null ? " named '" + only + "'" : "") + "; to see its effective penalty, run: ./spd derive " + file);
      return Main.USER_ERROR;
    }
    for (Experiment experiment : runnable) {
      boolean mnist = experiment.data().orElseThrow() instanceof DataSpec.Mnist;
      if (mnist && !MnistFetcher.ensurePresent(data, declaredDataDirectory(experiment), out, err)) {
        return Main.USER_ERROR;
      }
    }
    for (Experiment experiment : runnable) {
      if (experiment.data().orElseThrow() instanceof DataSpec.Files(spd.runtime.data.DataSpec.FashionMnist fashion, var at)
          && !MnistFetcher.ensureFashionPresent(fashion, data, out, err)) {
        return Main.USER_ERROR;
      }
    }
    if (resume != null && runnable.size() > 1) {
      err.println("spd run: --resume continues one run; name its experiment with --experiment");
      return Main.USER_ERROR;
    }
    int status = 0;
    for (Experiment experiment : runnable) {
      status = Math.max(status, runOne(experiment, runnable.size() > 1, out, err));
    }
    return status;
  }

  private int runOne(Experiment experiment, boolean oneOfSeveral, PrintWriter out, PrintWriter err) {
    GeneratedClass generated;
    try {
      generated = ExperimentClassWriter.write(experiment);
    } catch (CodegenException e) {
      Frontends.print(e.diagnostic(), OutputFormat.text, err);
      return Main.USER_ERROR;
    }
    spd.runtime.SpdExperiment instance = InMemoryCompiler.load(generated);
    spd.runtime.Experiment declared = instance.experiment();
    if (epochs != null) {
      declared = declared.withEpochs(epochs);
    }
    if (seed != null) {
      declared = new spd.runtime.Experiment(declared.name(), declared.data(), declared.network(),
          declared.regularizers(), declared.training().seed(seed), declared.pruning(), declared.constants());
    }
    Optional<LinearDualityRun> duality = LinearDualityRun.prepare(instance, declared);
    if (duality.isPresent()) {
      declared = duality.get().instrument(declared);
    }
    RunInfo info = new RunInfo(file.toString(), experiment.source().sha256(), generated.source(), generated.fileName(),
        Version.VERSION);
    // --out names one run; with several experiments, each runs in a directory of its own name inside it.
    Path directory = resume != null ? resume
        : runDirectory == null ? defaultRunDirectory(experiment.name())
        : oneOfSeveral ? runDirectory.resolve(experiment.name()) : runDirectory;
    RunOptions options = new RunOptions(directory, data, !quiet, info);
    out.printf("spd: training %s (%s) -> %s%n", experiment.name(), file, directory);
    out.flush();
    try {
      RunResult result = resume != null ? Trainer.resume(resume, declared, options) : Trainer.run(declared, options);
      RunReport.print(result, file.toString(), out);
      if (result.status() == spd.runtime.train.RunStatus.COMPLETED) {
        duality.ifPresent(d -> d.report(result, out));
      }
      return switch (result.status()) {
        case COMPLETED -> 0;
        default -> Main.USER_ERROR;
      };
    } catch (RunException e) {
      err.println("spd run: " + e.getMessage());
      return Main.USER_ERROR;
    }
  }

  /** The MNIST directory the experiment names ({@code dir "..."}; the model made it relative to the .spd file). */
  private static Optional<Path> declaredDataDirectory(Experiment experiment) {
    return experiment.data().flatMap(d -> d instanceof DataSpec.Mnist mnist ? mnist.directory() : Optional.empty())
        .map(Path::of);
  }

  private static Path defaultRunDirectory(String experiment) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
    return Path.of("runs", experiment + "-" + stamp);
  }
}

package spd.compiler.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import spd.runtime.train.ProgressMode;
import spd.runtime.train.RunInfo;
import spd.runtime.train.RunOptions;
import spd.runtime.train.RunResult;
import spd.runtime.train.RunStatus;
import spd.runtime.train.StopSignal;
import spd.runtime.train.Trainer;

/** {@code spd run FILE}: check, generate, compile in memory and train each experiment of the file. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train the experiments of an .spd file and report accuracy and sparsity.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", arity = "0..1", description = "The .spd file to run.")
    Path file;

    @Option(
            names = "--set",
            paramLabel = "NAME=VALUE",
            description = "Override a 'let' constant, e.g. --set lambda=1e-2.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--epochs", paramLabel = "N", description = "Train for N epochs instead of the file's number.")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", description = "Use seed S instead of the file's (every random stream).")
    Long seed;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "The run directory, new or empty (default: "
                    + "runs/<experiment>-<date>-<time>); with several experiments, DIR/<experiment> for each.")
    Path runDirectory;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description =
                    "The MNIST or Fashion-MNIST directory (default: MNIST $SPD_DATA, then ~/.cache/spd/mnist; Fashion-MNIST the data block's dir, then ~/.cache/spd/fashion-mnist).")
    Path data;

    @Option(
            names = "--device",
            defaultValue = "cpu",
            paramLabel = "cpu|gpu",
            description = "Where to train (default: cpu).")
    String device;

    @Option(
            names = "--resume",
            paramLabel = "DIR",
            description =
                    "Finish the run in DIR; give the file and options it was started with (spd prints this command).")
    Path resume;

    @Option(names = "--experiment", paramLabel = "NAME", description = "Run only this experiment of the file.")
    String only;

    @Option(
            names = "--progress",
            defaultValue = "auto",
            paramLabel = "auto|bar|lines|none",
            description = "Progress on stderr: a bar on a terminal, one line per epoch otherwise (default: auto).")
    ProgressMode progress;

    @Option(names = "--quiet", description = "No progress (the same as --progress none).")
    boolean quiet;

    /** Set by spd sweep: the run stops (resumably) when its standard input closes, i.e. when the sweep is gone. */
    @Option(names = "--stop-when-stdin-closes", hidden = true)
    boolean stopWhenStdinCloses;

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
        if (resume != null && runDirectory != null && !resume.equals(runDirectory)) {
            err.println("spd run: give either --resume DIR (finish that run) or --out DIR (a new run), not both");
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
                .filter(e -> only == null || e.name().equals(only))
                .filter(Experiment::isTrainable)
                .toList();
        if (runnable.isEmpty()) {
            err.println("spd run: " + file + " has no experiment with data, a network and a train block"
                    + (only != null ? " named '" + only + "'" : "")
                    + "; to see its effective penalty, run: ./spd derive " + file);
            return Main.USER_ERROR;
        }
        for (Experiment experiment : runnable) {
            boolean mnist = experiment.data().orElseThrow() instanceof DataSpec.Mnist;
            if (mnist && !MnistFetcher.ensurePresent(data, declaredDataDirectory(experiment), out, err)) {
                return Main.USER_ERROR;
            }
        }
        for (Experiment experiment : runnable) {
            if (experiment.data().orElseThrow()
                            instanceof DataSpec.Files(spd.runtime.data.DataSpec.FashionMnist fashion, var at)
                    && !MnistFetcher.ensureFashionPresent(fashion, data, out, err)) {
                return Main.USER_ERROR;
            }
        }
        if (runnable.size() > 1 && resume != null) {
            err.println("spd run: " + file + " has " + runnable.size() + " experiments and --resume names one run; "
                    + "choose its experiment with --experiment NAME");
            return Main.USER_ERROR;
        }
        StopSignal stop = new StopSignal();
        if (stopWhenStdinCloses) {
            ParentWatch.stopWhenClosed(System.in, stop);
        }
        int status = 0;
        for (Experiment experiment : runnable) {
            status = Math.max(status, runOne(experiment, runnable.size() > 1, stop, out, err));
        }
        return status;
    }

    private int runOne(Experiment experiment, boolean oneOfSeveral, StopSignal stop, PrintWriter out, PrintWriter err) {
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
            declared = declared.withTraining(declared.training().seed(seed));
        }
        Optional<LinearDualityRun> duality = LinearDualityRun.prepare(instance, declared, err);
        if (duality.isPresent()) {
            declared = duality.get().instrument(declared);
        }
        Path directory = resume != null
                ? resume
                : runDirectory == null
                        ? defaultRunDirectory(experiment.name())
                        : oneOfSeveral ? runDirectory.resolve(experiment.name()) : runDirectory;
        String resumeCommand = ShellWords.join(reproducing(experiment.name(), oneOfSeveral, "--resume", directory));
        RunInfo info = new RunInfo(
                        file.toString(),
                        experiment.source().sha256(),
                        generated.source(),
                        generated.fileName(),
                        Version.VERSION)
                .withCommands(overrides, commandLine(), resumeCommand);
        RunOptions options = new RunOptions(directory, data, quiet ? ProgressMode.NONE : progress, info, stop);
        out.printf(
                "spd: %s %s (%s) -> %s%n",
                resume != null ? "resuming" : "training", experiment.name(), file, directory);
        out.flush();
        try {
            RunResult result =
                    resume != null ? Trainer.resume(resume, declared, options) : Trainer.run(declared, options);
            RunReport.print(result, resumeCommand, out);
            if (result.status() == RunStatus.COMPLETED) {
                duality.ifPresent(d -> d.report(result, out));
            }
            return result.status() == RunStatus.COMPLETED ? 0 : Main.USER_ERROR;
        } catch (RunException e) {
            err.println("spd run: " + e.getMessage());
            return Main.USER_ERROR;
        } catch (OutOfMemoryError e) {
            // The sizes are checked before a run starts; this is the estimate falling short, still not a bug to dump.
            err.println("spd run: out of memory (" + e.getMessage() + "); the run needs more memory than this process "
                    + "may use: use smaller layers or less data, or raise the limit with SPD_JAVA_OPTS=-Xmx...");
            return Main.USER_ERROR;
        }
    }

    /** The MNIST directory the experiment names ({@code dir "..."}; the model made it relative to the .spd file). */
    private static Optional<Path> declaredDataDirectory(Experiment experiment) {
        return experiment
                .data()
                .flatMap(d -> d instanceof DataSpec.Mnist mnist ? mnist.directory() : Optional.empty())
                .map(Path::of);
    }

    /**
     * The command that runs this experiment again with the same file, settings and data, ending in
     * {@code flag directory}: what spd prints to resume a run, and records in its manifest.
     */
    private List<String> reproducing(String experiment, boolean oneOfSeveral, String flag, Path directory) {
        List<String> words = new ArrayList<>(List.of("./spd", "run", file.toString()));
        if (only != null || oneOfSeveral) {
            words.addAll(List.of("--experiment", experiment));
        }
        overrides.forEach((name, value) -> words.addAll(List.of("--set", name + "=" + value)));
        if (epochs != null) {
            words.addAll(List.of("--epochs", epochs.toString()));
        }
        if (seed != null) {
            words.addAll(List.of("--seed", seed.toString()));
        }
        if (data != null) {
            words.addAll(List.of("--data", data.toString()));
        }
        if (!device.equalsIgnoreCase("cpu")) {
            words.addAll(List.of("--device", device));
        }
        words.addAll(List.of(flag, directory.toString()));
        return words;
    }

    /** The command line as given, for the manifest. */
    private List<String> commandLine() {
        List<String> words = new ArrayList<>(List.of("spd"));
        words.addAll(spec.commandLine().getParseResult().originalArgs());
        return words;
    }

    /** {@code runs/<experiment>-<date>-<time>}, with a suffix when a run started in the same second. */
    private static Path defaultRunDirectory(String experiment) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path directory = Path.of("runs", experiment + "-" + stamp);
        for (int n = 2; Files.exists(directory); n++) {
            directory = Path.of("runs", experiment + "-" + stamp + "-" + n);
        }
        return directory;
    }
}

package spd.compiler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
import spd.compiler.sweep.SweepEngine;
import spd.compiler.sweep.SweepJob;
import spd.compiler.sweep.SweepPlan;
import spd.compiler.sweep.SweepPoint;
import spd.compiler.sweep.SweepReport;
import spd.runtime.data.DataDirectory;
import spd.runtime.train.RunLock;

/**
 * {@code spd sweep FILE... --set lambda=1e-4,1e-3 --seeds 3 --jobs 2}: a grid of runs, a table and plots. The
 * points run on Apache Spark ({@link SweepEngine}): embedded on this machine, or on the cluster {@code --master}
 * names.
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run a grid of experiments, constants and seeds; write a table and plots.")
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .spd files whose experiments to sweep.")
    List<Path> files;

    @Option(names = "--set", paramLabel = "NAME=V1,V2,...", description = "Values of a 'let' constant to try.")
    Map<String, String> grid = new LinkedHashMap<>();

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "N", description = "Seeds per point (default 1).")
    int seeds;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            description = "Runs in parallel (default 1 on this machine; with --master, all the cluster's cores).")
    Integer jobs;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Run the points on this Spark cluster, e.g. "
                    + "spark://host:7077 (--out, the .spd files and --data must be on storage every executor sees).")
    String master;

    @Option(names = "--epochs", paramLabel = "N", description = "Train every run for N epochs.")
    Integer epochs;

    @Option(
            names = "--out",
            defaultValue = "runs/sweep",
            paramLabel = "DIR",
            description =
                    "Where the runs, table and plots go (default: ${DEFAULT-VALUE}); rerunning resumes. One sweep at a time writes it.")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "The MNIST directory.")
    Path data;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Optional<SweepEngine> engine = SweepEngine.onClassPath();
        if (engine.isEmpty()) {
            err.println(
                    "spd sweep: the sweep engine (Apache Spark) runs from its own module; start it with the launcher:"
                            + " ./spd sweep ...");
            return Main.USER_ERROR;
        }
        if (seeds < 1 || (jobs != null && jobs < 1) || (epochs != null && epochs < 1)) {
            err.println("spd sweep: --seeds, --jobs and --epochs must be at least 1");
            return Main.USER_ERROR;
        }
        Map<String, List<String>> axes = new LinkedHashMap<>();
        grid.forEach((name, values) -> {
            SweepPlan.Values parsed = SweepPlan.values(values);
            parsed.repeated()
                    .forEach(repeat ->
                            err.printf("spd sweep: --set %s lists %s more than once; it runs once%n", name, repeat));
            axes.put(name, parsed.distinct());
        });
        List<SweepPlan.Target> targets = new ArrayList<>();
        boolean needsMnist = false;
        Optional<Path> mnistDirectory = Optional.empty();
        Set<Path> seenFiles = new HashSet<>();
        for (Path file : files) {
            if (!seenFiles.add(file.toAbsolutePath().normalize())) {
                err.printf("spd sweep: %s is given more than once; its experiments run once%n", file);
                continue;
            }
            Map<String, String> first = new LinkedHashMap<>();
            axes.forEach((name, values) -> first.put(name, values.getFirst()));
            BatchStatus frontend = new BatchStatus();
            Optional<List<Experiment>> experiments = Frontends.experiments(file, first, err, frontend);
            if (experiments.isEmpty()) {
                return frontend.exitCode();
            }
            for (Experiment experiment : experiments.get()) {
                if (experiment.isTrainable()) {
                    targets.add(new SweepPlan.Target(
                            file,
                            experiment.name(),
                            experiment.training().orElseThrow().seed()));
                    if (experiment.data().orElseThrow() instanceof DataSpec.Mnist declared) {
                        needsMnist = true;
                        mnistDirectory = declared.directory().map(Path::of);
                    }
                }
            }
        }
        if (targets.isEmpty()) {
            err.println("spd sweep: no experiment with data, a network and a train block in " + files);
            return Main.USER_ERROR;
        }
        if (needsMnist && !MnistFetcher.ensurePresent(data, mnistDirectory, stdout, err)) {
            return Main.USER_ERROR;
        }
        Path directory = out.toAbsolutePath().normalize();
        List<SweepPoint> points = SweepPlan.of(absolute(targets), axes, seeds, directory);
        Path mnist = needsMnist
                ? DataDirectory.resolve(data, mnistDirectory)
                        .path()
                        .toAbsolutePath()
                        .normalize()
                : null;
        stdout.printf(
                "spd sweep: %d run(s), %s, into %s%n",
                points.size(),
                master == null ? (jobs == null ? 1 : jobs) + " at a time on this machine" : "on " + master,
                out);
        stdout.flush();
        Files.createDirectories(directory);
        List<RunRecord> records;
        try (RunLock lock = RunLock.acquire(directory, "sweep directory")) {
            records = engine.get()
                    .run(new SweepJob(points, directory, epochs, mnist, Optional.ofNullable(master), jobs, stdout));
            SweepReport.write(records, out);
        }
        stdout.printf(
                "spd sweep: %d of %d run(s) finished; table %s, plots %s%n",
                records.stream().filter(RunRecord::completed).count(),
                points.size(),
                out.resolve("sweep.md"),
                out.resolve("pareto.png"));
        stdout.flush();
        return records.stream().allMatch(RunRecord::completed) && records.size() == points.size() ? 0 : Main.USER_ERROR;
    }

    /** The files as absolute paths: a point runs in another process, maybe on another machine. */
    private static List<SweepPlan.Target> absolute(List<SweepPlan.Target> targets) {
        return targets.stream()
                .map(t -> new SweepPlan.Target(t.file().toAbsolutePath().normalize(), t.experiment(), t.seed()))
                .toList();
    }
}

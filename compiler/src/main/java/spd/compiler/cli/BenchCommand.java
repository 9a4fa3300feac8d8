package spd.compiler.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spd.compiler.bench.BenchServer;
import spd.compiler.bench.BenchmarkedExperiment;
import spd.compiler.bench.DerivationBenchmark;
import spd.compiler.bench.FrontendBenchmark;
import spd.compiler.bench.StepBenchmark;
import spd.compiler.bench.StepRecording;
import spd.compiler.bench.Timing;
import spd.compiler.bench.TrainableExperiments;
import spd.runtime.data.DataSpec;

/**
 * {@code spd bench}: in one process, the training-step rate of every trainable experiment of the given
 * {@code .spd} files (compiled as {@code spd run} compiles them) with the sgemm rate at the step's shapes, then
 * the front-end, code-generation and derivation timings of the files, printed as one Markdown report. The
 * side-by-side comparison with PyTorch is {@code scripts/bench-vs-pytorch}.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Time the training step of the .spd files' experiments (and the compiler on them).")
final class BenchCommand implements Callable<Integer> {
    /** Paper files first, then the other examples; a directory stands for its .spd files. */
    private static final List<Path> DEFAULT_PATHS = List.of(Path.of("examples", "paper"), Path.of("examples"));

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "FILE",
            arity = "0..*",
            description = ".spd files or directories (default: examples/paper, then the rest of examples/).")
    List<Path> paths = new ArrayList<>();

    @Option(
            names = "--steps",
            defaultValue = "200",
            paramLabel = "N",
            description = "Steps per timed block (default 200).")
    int steps;

    @Option(
            names = "--blocks",
            defaultValue = "5",
            paramLabel = "N",
            description = "Timed blocks per experiment after a warm-up block; the best counts (default 5).")
    int blocks;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "The MNIST directory (default: $SPD_DATA, then ~/.cache/spd/mnist).")
    Path data;

    @Option(names = "--skip-training", description = "Only the compile and derive timings.")
    boolean skipTraining;

    @Option(names = "--skip-compiler", description = "Only the training steps.")
    boolean skipCompiler;

    @Option(
            names = "--record",
            paramLabel = "DIR",
            description =
                    "Instead of timing, write each experiment's first training steps to DIR for the PyTorch check (bench/pytorch).")
    Path record;

    @Option(
            names = "--record-steps",
            defaultValue = "3",
            paramLabel = "N",
            description = "Steps to record (default 3).")
    int recordSteps;

    @Option(
            names = "--record-skip",
            defaultValue = "0",
            paramLabel = "N",
            description = "Train N steps before recording (e.g. to reach a pruning event; default 0).")
    int recordSkip;

    @Option(
            names = "--serve",
            hidden = true,
            description = "Answer timing requests on stdin (the spd side of scripts/bench-vs-pytorch).")
    boolean serve;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (serve) {
            new BenchServer(data)
                    .serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
            return 0;
        }
        if (steps < 1 || blocks < 1) {
            err.println("spd bench: --steps and --blocks must be at least 1");
            return Main.USER_ERROR;
        }
        List<Path> files = TrainableExperiments.files(paths.isEmpty() ? DEFAULT_PATHS : paths);
        out.printf(Locale.ROOT, "# spd bench%n%n%s%n%n", machine());
        out.flush();
        int status = 0;
        if (!skipTraining) {
            TrainableExperiments.Compiled compiled = TrainableExperiments.compile(files, err);
            status = compiled.failedFiles().isEmpty() ? 0 : Main.USER_ERROR;
            boolean needsMnist =
                    compiled.experiments().stream().anyMatch(e -> e.experiment().data() instanceof DataSpec.Mnist);
            if (needsMnist && !MnistFetcher.ensurePresent(data, out, err)) {
                return Main.USER_ERROR;
            }
            if (record != null) {
                return Math.max(status, record(compiled.experiments(), out));
            }
            if (!compiled.experiments().isEmpty()) {
                trainingSteps(compiled.experiments(), out);
            }
        }
        if (!skipCompiler) {
            compileAndDerive(files, out);
        }
        out.flush();
        return status;
    }

    private void trainingSteps(List<BenchmarkedExperiment> experiments, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "## Training step (best of %d blocks of %d steps after a warm-up block)%n%n",
                blocks,
                steps);
        out.println("| file | rule | batch | steps/s | steps per CPU-s | matrix-product GFLOP/s | of measured sgemm |");
        out.println("|---|---|---|---|---|---|---|");
        out.flush();
        StepBenchmark benchmark = new StepBenchmark(data);
        List<StepBenchmark.Row> rows = new ArrayList<>();
        for (BenchmarkedExperiment experiment : experiments) {
            long sameFile = experiments.stream()
                    .filter(e -> e.file().equals(experiment.file()))
                    .count();
            StepBenchmark.Row row = benchmark.measure(experiment, steps, blocks);
            rows.add(row);
            out.printf(
                    Locale.ROOT,
                    "| %s | %s | %d | %.0f | %.0f | %.1f | %.0f%% |%n",
                    experiment.label(sameFile > 1),
                    experiment.rule(),
                    experiment.experiment().training().batch(),
                    row.best().stepsPerSecond(),
                    row.best().stepsPerCpuSecond(),
                    row.flopsPerSecond() / 1e9,
                    100 * row.rooflineFraction());
            out.flush();
        }
        out.println();
        rows.stream()
                .map(StepBenchmark.Row::roofline)
                .distinct()
                .forEach(r -> out.printf(
                        Locale.ROOT,
                        "Measured sgemm at a step's shapes (%.1f MFLOP per pass): %.1f GFLOP/s.%n",
                        r.flopsPerPass() / 1e6,
                        r.flopsPerSecond() / 1e9));
        out.println();
    }

    private int record(List<BenchmarkedExperiment> experiments, PrintWriter out) throws IOException {
        StepBenchmark benchmark = new StepBenchmark(data);
        for (BenchmarkedExperiment experiment : experiments) {
            long sameFile = experiments.stream()
                    .filter(e -> e.file().equals(experiment.file()))
                    .count();
            Path written = StepRecording.write(
                    experiment, benchmark.dataOf(experiment), record, recordSkip, recordSteps, sameFile > 1);
            out.printf("recorded %s -> %s%n", experiment.label(sameFile > 1), written);
            out.flush();
        }
        return 0;
    }

    private void compileAndDerive(List<Path> files, PrintWriter out) throws IOException {
        List<Timing> front = FrontendBenchmark.run(files, 30, 30);
        List<Timing> derive = DerivationBenchmark.run(files, 10, 15);
        out.println("## Compiler (median after warm-up, one process)");
        out.println();
        out.println("| what | files or experiments | median per item | worst median |");
        out.println("|---|---|---|---|");
        summary(
                out,
                "check (parse, check, model)",
                front.stream().filter(t -> t.what().startsWith("check")).toList());
        summary(
                out,
                "code generation",
                front.stream().filter(t -> t.what().startsWith("compile")).toList());
        summary(
                out,
                "derivation",
                derive.stream().filter(t -> t.what().startsWith("derive")).toList());
        summary(
                out,
                "numeric Omega at 200 points",
                derive.stream().filter(t -> t.what().startsWith("omega200")).toList());
        out.println();
        out.println("Slowest derivations:");
        out.println();
        derive.stream()
                .filter(t -> t.what().startsWith("derive"))
                .sorted((a, b) -> Double.compare(b.medianMillis(), a.medianMillis()))
                .limit(5)
                .forEach(t -> out.printf(
                        Locale.ROOT, "- %s: %.1f ms%n", t.what().substring("derive ".length()), t.medianMillis()));
        out.println();
    }

    private static void summary(PrintWriter out, String what, List<Timing> timings) {
        double[] medians =
                timings.stream().mapToDouble(Timing::medianMillis).sorted().toArray();
        if (medians.length == 0) {
            return;
        }
        out.printf(
                Locale.ROOT,
                "| %s | %d | %.2f ms | %.2f ms |%n",
                what,
                medians.length,
                medians[medians.length / 2],
                Arrays.stream(medians).max().orElse(0));
    }

    private static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        List<String> settings = new ArrayList<>();
        for (String name :
                List.of("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_CORETYPE", "MALLOC_TRIM_THRESHOLD_")) {
            settings.add(name + "=" + System.getenv().getOrDefault(name, "(unset)"));
        }
        return String.format(
                Locale.ROOT,
                "%d cores, Java %s, %s; load average %.2f when started; %s",
                os.getAvailableProcessors(),
                Runtime.version(),
                System.getProperty("os.arch"),
                os.getSystemLoadAverage(),
                String.join(", ", settings));
    }
}

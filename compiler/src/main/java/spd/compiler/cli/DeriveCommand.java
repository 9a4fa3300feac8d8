package spd.compiler.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spd.compiler.model.Experiment;
import spd.compiler.penalty.Derivation;
import spd.compiler.penalty.DerivationException;
import spd.compiler.penalty.DerivationInput;
import spd.compiler.penalty.DerivationInputs;
import spd.compiler.penalty.Penalty;
import spd.compiler.penalty.PenaltyDeriver;
import spd.compiler.report.AtTable;
import spd.compiler.report.ComparePlot;
import spd.compiler.report.Json;
import spd.compiler.report.ReportWriter;
import spd.compiler.report.StateDump;
import spd.compiler.sym.TextPrinter;

/**
 * {@code spd derive FILE...}: the effective penalty of each experiment's masking rule (or the adaptive
 * rule of its penalty), as a report in Markdown and LaTeX with plots; {@code --compare} draws them together.
 */
@Command(
        name = "derive",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Derive the effective penalty of each experiment's masking rule.")
final class DeriveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .spd files to derive.")
    List<Path> files;

    @Option(
            names = {"-o", "--out"},
            defaultValue = "out/derive",
            paramLabel = "DIR",
            description = "Where the reports go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--compare",
            description = "Also plot every derived penalty in one figure (compare.svg/png); with"
                    + " --format json, print the numbers behind both panels instead.")
    boolean compare;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json (to standard output).")
    OutputFormat format;

    @Option(
            names = "--at",
            split = ",",
            paramLabel = "W",
            description = "Evaluate Omega, eta, keep and f at these |w|.")
    double[] at = new double[0];

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override a 'let' constant.")
    Map<String, String> overrides = Map.of();

    @Option(
            names = "--dump-after",
            paramLabel = "STAGE",
            description = "Stop after this stage of the derivation and"
                    + " print its state (reduce, integrate, check, dual, properties, classical).")
    String dumpAfter;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (dumpAfter != null) {
            return dump(stdout, err);
        }
        List<Derivation> derivations = new ArrayList<>();
        BatchStatus status = new BatchStatus();
        for (Path file : files) {
            Optional<List<Experiment>> experiments = Frontends.experiments(file, overrides, err, status);
            for (Experiment experiment : experiments.orElse(List.of())) {
                String what = file + ": experiment '" + experiment.name() + "'";
                DerivationInput input = DerivationInputs.of(experiment);
                try {
                    derivations.add(PenaltyDeriver.derive(input));
                } catch (DerivationException e) {
                    Frontends.print(e.diagnostic(input), format, err);
                    status.userError();
                } catch (RuntimeException | StackOverflowError e) {
                    status.internalError("derive", what, e, err);
                }
            }
        }
        if (format == OutputFormat.json) {
            stdout.println(compare ? ComparePlot.json(derivations, at) : Json.of(derivations, at));
        } else {
            for (Derivation d : derivations) {
                report(d, stdout, err, status);
            }
            if (compare && !derivations.isEmpty()) {
                List<Path> plots = ComparePlot.write(derivations, out.resolve("compare.svg"));
                stdout.println("comparison: " + plots.getFirst());
            }
        }
        stdout.flush();
        err.flush();
        return status.exitCode();
    }

    /** Writes one derivation's report and prints its headline; a failure is this derivation's alone. */
    private void report(Derivation d, PrintWriter stdout, PrintWriter err, BatchStatus status) {
        String what = d.input().sourcePath() + ": experiment '" + d.input().experimentName() + "'";
        try {
            List<Path> written = ReportWriter.write(d, out);
            stdout.printf("%s: %s%n  %s%n", d.input().experimentName(), headline(d), written.getFirst());
            if (at.length > 0) {
                stdout.println(AtTable.text(d, at));
            }
        } catch (java.io.UncheckedIOException e) {
            err.printf("spd: cannot read or write a file: %s (%s)%n", Main.describe(e.getCause()), what);
            status.userError();
        } catch (RuntimeException | StackOverflowError e) {
            status.internalError("derive", what + " (writing its report)", e, err);
        }
        stdout.flush();
    }

    /** {@code --dump-after STAGE}: each experiment's derivation state after that stage, as text. */
    private int dump(PrintWriter stdout, PrintWriter err) {
        if (!PenaltyDeriver.stageIds().contains(dumpAfter)) {
            err.printf(
                    "spd derive: no stage '%s'; the stages are %s%n",
                    dumpAfter, String.join(", ", PenaltyDeriver.stageIds()));
            err.flush();
            return Main.USER_ERROR;
        }
        BatchStatus status = new BatchStatus();
        for (Path file : files) {
            Optional<List<Experiment>> experiments = Frontends.experiments(file, overrides, err, status);
            for (Experiment experiment : experiments.orElse(List.of())) {
                DerivationInput input = DerivationInputs.of(experiment);
                try {
                    stdout.println(StateDump.text(PenaltyDeriver.deriveThrough(input, dumpAfter)));
                } catch (DerivationException e) {
                    Frontends.print(e.diagnostic(input), OutputFormat.text, err);
                    status.userError();
                } catch (RuntimeException | StackOverflowError e) {
                    status.internalError("derive", file + ": experiment '" + experiment.name() + "'", e, err);
                }
            }
        }
        stdout.flush();
        err.flush();
        return status.exitCode();
    }

    /** One line on the result: the closed form, or how the penalty was computed. */
    private static String headline(Derivation d) {
        return switch (d.penalty()) {
            case Penalty.ClosedForm closed -> "Omega(w) = " + TextPrinter.print(closed.omega());
            case Penalty.Numeric numeric -> "Omega(w) computed numerically (" + numeric.method() + ")";
            case Penalty.Divergent divergent -> "no finite penalty: " + divergent.explanation();
            case Penalty.NotSeparable notSeparable -> "not a separable penalty: " + notSeparable.explanation();
            case Penalty.None none -> "no regularization";
        };
    }
}

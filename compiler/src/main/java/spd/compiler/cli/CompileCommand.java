package spd.compiler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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
import spd.compiler.model.Experiment;

/** {@code spd compile FILE... [-o DIR]}: writes the generated Java of every trainable experiment. */
@Command(
        name = "compile",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Write the generated ND4J training code of .spd experiments.")
final class CompileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .spd files to compile.")
    List<Path> files;

    @Option(
            names = {"-o", "--out"},
            defaultValue = "out/generated",
            paramLabel = "DIR",
            description =
                    "Directory for the Java sources (default: ${DEFAULT-VALUE}); a package folder is created in it.")
    Path out;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override a 'let' constant.")
    Map<String, String> overrides = Map.of();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        BatchStatus status = new BatchStatus();
        Map<Path, String> written = new HashMap<>();
        for (Path file : files) {
            Optional<List<Experiment>> experiments = Frontends.experiments(file, overrides, err, status);
            for (Experiment experiment : experiments.orElse(List.of())) {
                if (!experiment.isTrainable()) {
                    err.printf(
                            "spd: %s: experiment '%s' has no data, network and train block; nothing to compile (try spd derive)%n",
                            file, experiment.name());
                    continue;
                }
                try {
                    compile(file, experiment, written, outWriter, err, status);
                } catch (RuntimeException | StackOverflowError e) {
                    status.internalError("compile", file + ": experiment '" + experiment.name() + "'", e, err);
                }
            }
        }
        outWriter.flush();
        err.flush();
        return status.exitCode();
    }

    /** Writes one experiment's class, unless another experiment of this command already wrote that file. */
    private void compile(
            Path file,
            Experiment experiment,
            Map<Path, String> written,
            PrintWriter outWriter,
            PrintWriter err,
            BatchStatus status) {
        String origin = file + ": experiment '" + experiment.name() + "'";
        try {
            GeneratedClass generated = ExperimentClassWriter.write(experiment);
            Path target = out.resolve(generated.packageName().replace('.', '/')).resolve(generated.fileName());
            String first = written.putIfAbsent(target.toAbsolutePath().normalize(), origin);
            if (first != null) {
                err.printf(
                        "spd compile: %s generates class %s, which %s already wrote to %s; not overwritten (rename one of"
                                + " the experiments, or compile the files into different --out directories)%n",
                        origin, generated.simpleName(), first, target);
                status.userError();
                return;
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, generated.source());
            outWriter.println(target);
        } catch (CodegenException e) {
            Frontends.print(e.diagnostic(), OutputFormat.text, err);
            status.userError();
        } catch (IOException e) {
            err.printf("spd: cannot read or write a file: %s (%s)%n", Main.describe(e), origin);
            status.userError();
        }
    }
}

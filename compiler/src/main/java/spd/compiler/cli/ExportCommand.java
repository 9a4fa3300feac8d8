package spd.compiler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spd.compiler.codegen.GeneratedClass;
import spd.compiler.codegen.InMemoryCompiler;
import spd.runtime.base.RunException;
import spd.runtime.export.ModelFile;
import spd.runtime.train.TrainedModel;

/**
 * {@code spd export RUN_DIR -o model.npz [--format dense|csr]}: the trained, pruned weights of a run as a
 * NumPy file. The run directory's own generated class rebuilds the network and its pruning rule, so the
 * export prunes exactly as the run's evaluation did.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Write the trained, pruned weights of a run as a NumPy .npz file (PyTorch orientation).")
final class ExportCommand implements Callable<Integer> {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory (written by spd run).")
    Path runDirectory;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "FILE",
            description = "The .npz file to write.")
    Path output;

    @Option(
            names = "--format",
            defaultValue = "dense",
            paramLabel = "dense|csr",
            description =
                    "dense (out x in arrays and masks, default) or csr (compressed sparse rows: only kept weights).")
    String format;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ModelFile.Format chosen;
        try {
            chosen = ModelFile.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("spd export: unknown format '" + format + "'; use --format dense or --format csr");
            return Main.USER_ERROR;
        }
        if (!Files.isDirectory(runDirectory)) {
            err.println("spd export: " + runDirectory + " is not a run directory (give the directory spd run wrote)");
            return Main.USER_ERROR;
        }
        try {
            GeneratedClass generated = generatedClass(runDirectory);
            spd.runtime.Experiment experiment = InMemoryCompiler.load(generated).experiment();
            TrainedModel model = TrainedModel.read(runDirectory, experiment);
            ModelFile.write(model, chosen, runDirectory, output);
            report(model, chosen, out);
            return 0;
        } catch (RunException e) {
            err.println("spd export: " + e.getMessage());
            return Main.USER_ERROR;
        }
    }

    private void report(TrainedModel model, ModelFile.Format chosen, PrintWriter out) throws IOException {
        long kept =
                model.layers().stream().mapToLong(TrainedModel.Layer::keptCount).sum();
        long total = model.layers().stream().mapToLong(l -> l.weight().length).sum();
        out.printf(
                Locale.ROOT,
                "spd: wrote %s (%s, %,d bytes): %d layers, %,d of %,d weights kept (%.1f%%)%n",
                output,
                chosen.name().toLowerCase(Locale.ROOT),
                Files.size(output),
                model.layers().size(),
                kept,
                total,
                100.0 * kept / Math.max(1, total));
    }

    /** The generated class the run trained: the one .java file spd run saved in the run directory. */
    private static GeneratedClass generatedClass(Path directory) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(directory)) {
            sources = files.filter(p -> p.getFileName().toString().endsWith(".java"))
                    .sorted()
                    .toList();
        }
        if (sources.size() != 1) {
            throw new RunException(
                    directory + (sources.isEmpty() ? " holds no generated .java file" : " holds several .java files")
                            + "; it is not a run directory written by spd run");
        }
        String source = Files.readString(sources.getFirst());
        Matcher matcher = PACKAGE.matcher(source);
        if (!matcher.find()) {
            throw new RunException(sources.getFirst() + " has no package declaration; it is not spd's generated code");
        }
        String name = sources.getFirst().getFileName().toString().replaceFirst("\\.java$", "");
        return new GeneratedClass(matcher.group(1), name, source, "");
    }
}

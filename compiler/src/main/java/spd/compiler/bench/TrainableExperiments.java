package spd.compiler.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import spd.compiler.codegen.CodegenException;
import spd.compiler.codegen.ExperimentClassWriter;
import spd.compiler.codegen.InMemoryCompiler;
import spd.compiler.diag.DiagnosticRenderer;
import spd.compiler.driver.Frontend;
import spd.compiler.driver.FrontendResult;
import spd.compiler.model.Experiment;
import spd.runtime.SpdExperiment;

/**
 * The trainable experiments (data, network and train block) of {@code .spd} files, each generated and compiled
 * through the path {@code spd run} takes. A directory stands for every {@code .spd} file under it except the
 * deliberate mistakes in {@code errors/}, so new example files (e.g. {@code examples/lenet5/}) are picked up
 * by just adding them.
 */
public final class TrainableExperiments {
    private TrainableExperiments() {}

    /** The {@code .spd} files named by {@code paths} (files, or directories searched recursively), in order, once each. */
    public static List<Path> files(List<Path> paths) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                files.addAll(ExampleFiles.under(path));
            } else {
                files.add(path);
            }
        }
        return List.copyOf(files);
    }

    /** The experiments of {@link #compile}, and the files left out because they do not compile. */
    public record Compiled(List<BenchmarkedExperiment> experiments, List<String> failedFiles) {}

    /**
     * Every trainable experiment of the files, compiled. A file with errors is left out after its diagnostics
     * are printed on {@code err}, as {@code spd run} would print them.
     */
    public static Compiled compile(List<Path> files, PrintWriter err) {
        List<BenchmarkedExperiment> compiled = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Path file : files) {
            FrontendResult result = Frontend.run(file);
            result.diagnostics().sorted().forEach(d -> err.println(DiagnosticRenderer.render(d)));
            err.flush();
            if (!result.ok()) {
                failed.add(file.toString());
                continue;
            }
            for (Experiment experiment : result.experiments()) {
                if (!experiment.isTrainable()) {
                    continue;
                }
                try {
                    SpdExperiment loaded = InMemoryCompiler.load(ExperimentClassWriter.write(experiment));
                    compiled.add(new BenchmarkedExperiment(file.toString(), experiment.name(), loaded.experiment()));
                } catch (CodegenException e) {
                    err.printf("%s: %s: %s%n", file, experiment.name(), e.getMessage());
                    failed.add(file.toString());
                }
            }
        }
        return new Compiled(compiled, failed);
    }
}

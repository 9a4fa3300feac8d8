package spd.compiler.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import spd.compiler.codegen.CodegenException;
import spd.compiler.codegen.ExperimentClassWriter;
import spd.compiler.driver.Frontend;
import spd.compiler.driver.FrontendResult;
import spd.compiler.model.Experiment;

/**
 * Times the front end ({@code check}: parse, imports, checks, model) on every example, and code generation
 * of every trainable experiment, in one warm process. Targets: check under 20 ms per file after warm-up.
 */
public final class FrontendBenchmark {
    private FrontendBenchmark() {}

    /** Per-file check timings and per-experiment code generation timings of the given files. */
    public static List<Timing> run(List<Path> files, int warmup, int samples) {
        List<Timing> timings = new ArrayList<>();
        for (Path file : files) {
            timings.add(Timing.of("check " + file, warmup, samples, () -> Frontend.run(file)));
        }
        for (Path file : files) {
            FrontendResult result = Frontend.run(file);
            for (Experiment experiment : result.experiments()) {
                if (experiment.isTrainable()) {
                    timings.add(Timing.of("compile " + experiment.name(), warmup, samples, () -> generate(experiment)));
                }
            }
        }
        return timings;
    }

    private static void generate(Experiment experiment) {
        try {
            ExperimentClassWriter.write(experiment);
        } catch (CodegenException e) {
            throw new IllegalStateException(e);
        }
    }
}

package spd.compiler.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import spd.runtime.bench.ExperimentDescription;
import spd.runtime.bench.Npz;
import spd.runtime.data.Dataset;
import spd.runtime.train.StepRecorder;

/**
 * Writes what the PyTorch reference (bench/pytorch) needs to replay a compiled experiment's first training
 * steps: {@code description.json} (the experiment as data, and the {@code .spd} file it came from) and
 * {@code steps.npz} (see {@link StepRecorder} for its arrays), in a directory named after the file.
 */
public final class StepRecording {
    private StepRecording() {}

    /** Records {@code steps} steps after {@code skip} unrecorded ones; returns the directory written. */
    public static Path write(
            BenchmarkedExperiment experiment, Dataset data, Path root, int skip, int steps, boolean namedByExperiment)
            throws IOException {
        Path directory = root.resolve(directoryName(experiment, namedByExperiment));
        Files.createDirectories(directory);
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("file", experiment.file());
        description.put("recorded_steps", steps);
        description.put("skipped_steps", skip);
        description.putAll(ExperimentDescription.of(experiment.experiment(), data));
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(directory.resolve("description.json").toFile(), description);
        Npz.write(directory.resolve("steps.npz"), StepRecorder.record(experiment.experiment(), data, skip, steps));
        return directory;
    }

    /** e.g. {@code examples-paper-logsum} for examples/paper/logsum.spd. */
    private static String directoryName(BenchmarkedExperiment experiment, boolean namedByExperiment) {
        String stem = experiment
                .file()
                .replaceAll("\\.spd$", "")
                .replaceAll("[^A-Za-z0-9_]+", "-")
                .replaceAll("^-+", "");
        return namedByExperiment ? stem + "-" + experiment.name() : stem;
    }
}

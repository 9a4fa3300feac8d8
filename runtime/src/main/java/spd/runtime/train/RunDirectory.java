package spd.runtime.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import spd.runtime.Experiment;
import spd.runtime.base.RunException;

/**
 * The files of a run: the generated source, {@code manifest.json}, {@code metrics.csv}, {@code summary.json},
 * the plots and the checkpoint. Every file is replaced atomically (temporary file, then rename), so the
 * directory is valid whenever the process stops; a temporary file a killed process left behind is removed
 * by the next process that opens the directory. One process at a time writes a directory: it holds the
 * directory's {@link RunLock} from opening to {@link #close()}.
 */
final class RunDirectory implements AutoCloseable {
    static final String MANIFEST = "manifest.json";
    static final String METRICS = "metrics.csv";
    static final String SUMMARY = "summary.json";
    static final String TEMPORARY_SUFFIX = ".tmp";
    /** The console log {@code spd sweep} writes into a point's run directory (appended to by each session). */
    static final String SWEEP_LOG = "run.log";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The files a run writes under fixed names (besides its generated source and the lock). */
    private static final Set<String> RUN_FILES = Set.of(
            MANIFEST,
            METRICS,
            SUMMARY,
            Checkpoint.FILE_NAME,
            "duality.json",
            Plots.NONZERO + ".png",
            Plots.NONZERO + ".svg",
            Plots.VALIDATION + ".png",
            Plots.VALIDATION + ".svg");

    private final Path path;
    private final RunLock lock;

    private RunDirectory(Path path, RunLock lock) {
        this.path = path;
        this.lock = lock;
    }

    /** A file of the run directory could not be written; the message names the file and the reason. */
    static final class WriteFailure extends RunException {
        private static final long serialVersionUID = 1L;

        WriteFailure(Path file, IOException cause) {
            super("cannot write %s: %s".formatted(file, reason(cause)), cause);
        }
    }

    /**
     * Opens {@code path} for a new run: a directory that does not exist yet or is empty, or one that holds a run
     * which never finished an epoch (killed or failed before its first checkpoint: nothing is lost by starting
     * it again). Anything else is refused: a run with a checkpoint (resume it), a completed or diverged run, a
     * file, or a directory of other files.
     */
    static RunDirectory forNewRun(Path path, String resumeHint) {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new RunException("%s is a file, not a directory; give --out a new directory".formatted(path));
        }
        if (Files.isDirectory(path) && !holdsARun(path) && !isEmptyButForLock(path)) {
            throw new RunException(
                    "%s is not empty and holds no spd run; spd writes a run only into a new or empty directory, so that it never overwrites your files. Choose another --out."
                            .formatted(path));
        }
        createDirectories(path);
        RunDirectory directory = new RunDirectory(path, RunLock.acquire(path, "run directory"));
        try {
            directory.refuseToReplaceARun(resumeHint);
            directory.removeTemporaryFiles();
            return directory;
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Opens the directory of an earlier run to resume it. */
    static RunDirectory forResume(Path path) {
        if (!Files.isDirectory(path)) {
            throw new RunException(
                    "%s does not exist or is not a directory; --resume takes the directory of a run".formatted(path));
        }
        if (!Files.isRegularFile(path.resolve(MANIFEST))) {
            throw new RunException("%s holds no spd run (no %s); --resume takes the directory of a run that spd started"
                    .formatted(path, MANIFEST));
        }
        RunDirectory directory = new RunDirectory(path, RunLock.acquire(path, "run directory"));
        Map<String, Object> summary = directory.readJson(SUMMARY);
        if (summary != null && "diverged".equals(summary.get("status"))) {
            directory.close();
            throw new RunException(
                    "%s diverged (%s); resuming it with the same settings would diverge again in the same way. Start a new run with other settings (e.g. a lower learning rate)."
                            .formatted(path, summary.get("message")));
        }
        directory.removeTemporaryFiles();
        return directory;
    }

    Path path() {
        return path;
    }

    /** Releases the directory. */
    @Override
    public void close() {
        lock.close();
    }

    private static boolean holdsARun(Path path) {
        return Files.exists(path.resolve(MANIFEST)) || Files.exists(path.resolve(Checkpoint.FILE_NAME));
    }

    /**
     * Whether the directory holds nothing but spd's own bookkeeping: the lock, and {@value #SWEEP_LOG}, the
     * console log that {@code spd sweep} keeps in a point's directory and starts before the run does.
     */
    private static boolean isEmptyButForLock(Path path) {
        try (Stream<Path> entries = Files.list(path)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .allMatch(name -> name.equals(RunLock.FILE_NAME) || name.equals(SWEEP_LOG));
        } catch (IOException e) {
            throw new RunException("cannot list %s: %s".formatted(path, reason(e)), e);
        }
    }

    private static void createDirectories(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new RunException("cannot create the run directory %s: %s".formatted(path, reason(e)), e);
        }
    }

    /**
     * A directory that holds a run may take a new run only when that run has no checkpoint and did not end
     * (completed, diverged): then its files are removed first.
     */
    private void refuseToReplaceARun(String resumeHint) {
        Map<String, Object> manifest = readJson(MANIFEST);
        Map<String, Object> summary = readJson(SUMMARY);
        String status = summary == null ? "running" : String.valueOf(summary.get("status"));
        Object recorded = manifest == null ? null : manifest.get("resume_command");
        String resume = recorded instanceof String text && !text.isEmpty()
                ? text
                : resumeHint.isEmpty() ? "spd run FILE --resume " + path : resumeHint;
        if (Files.exists(path.resolve(Checkpoint.FILE_NAME))) {
            throw new RunException(
                    "%s already holds a run (%s, %s of %s epochs); continue it with:%n  %s%nor choose another output directory"
                            .formatted(
                                    path,
                                    status,
                                    summary == null ? "?" : summary.get("epochs_completed"),
                                    manifest == null ? "?" : manifest.get("epochs"),
                                    resume));
        }
        if (manifest == null) {
            return;
        }
        if (status.equals("completed") || status.equals("diverged")) {
            throw new RunException(
                    "%s already holds a %s run; choose another output directory, or delete it to run again"
                            .formatted(path, status));
        }
        removeRunFiles(manifest);
    }

    private void removeRunFiles(Map<String, Object> manifest) {
        List<String> names = new ArrayList<>(RUN_FILES);
        if (manifest.get("generated_file") instanceof String generated && !generated.isEmpty()) {
            names.add(Path.of(generated).getFileName().toString());
        }
        for (String name : names) {
            try {
                Files.deleteIfExists(path.resolve(name));
            } catch (IOException e) {
                throw new RunException(
                        "cannot remove %s of the unfinished run: %s".formatted(path.resolve(name), reason(e)), e);
            }
        }
    }

    /** Removes the temporary files a killed process left (only the lock holder writes, so none is in use). */
    void removeTemporaryFiles() {
        try (Stream<Path> entries = Files.list(path)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().endsWith(TEMPORARY_SUFFIX))
                    .toList()) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            throw new RunException("cannot remove the temporary files of %s: %s".formatted(path, reason(e)), e);
        }
    }

    /** The temporary file that {@code target} is written to before it is renamed. */
    static Path temporaryFor(Path target) {
        return target.resolveSibling(target.getFileName() + TEMPORARY_SUFFIX);
    }

    /** Replaces {@code target} by {@code temporary}, atomically where the file system allows. */
    static void moveAtomically(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes a text file atomically. */
    void writeText(String name, String text) {
        Path target = path.resolve(name);
        Path temporary = temporaryFor(target);
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            moveAtomically(temporary, target);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new WriteFailure(target, e);
        }
    }

    /** Writes a JSON file atomically. */
    void writeJson(String name, Object value) {
        String text;
        try {
            text = JSON.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + name, e);
        }
        writeText(name, text);
    }

    /** Writes the checkpoint atomically. */
    void writeCheckpoint(Checkpoint checkpoint) {
        Path target = path.resolve(Checkpoint.FILE_NAME);
        try {
            checkpoint.write(path);
        } catch (IOException e) {
            deleteQuietly(temporaryFor(target));
            throw new WriteFailure(target, e);
        }
    }

    /** Reads a JSON file of this directory as a map, or null when it does not exist. */
    Map<String, Object> readJson(String name) {
        return readJson(path.resolve(name));
    }

    /** Reads a JSON file as a map, or null when it does not exist. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), LinkedHashMap.class);
        } catch (IOException e) {
            throw new RunException("cannot read %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    /** The per-epoch metrics as CSV: one row per epoch, one nonzero-fraction column per layer. */
    void writeMetrics(Experiment experiment, List<EpochMetrics> history) {
        List<String> layers = experiment.network().names();
        StringBuilder csv = new StringBuilder();
        csv.append("epoch,learning_rate,train_loss,train_accuracy,validation_loss,validation_accuracy,")
                .append("validation_error,nonzero_fraction");
        layers.forEach(layer -> csv.append(',').append(layer).append("_nonzero_fraction"));
        csv.append(",samples_per_second,epoch_seconds\n");
        for (EpochMetrics m : history) {
            csv.append(m.epoch());
            for (double value : new double[] {
                m.learningRate(),
                m.trainLoss(),
                m.trainAccuracy(),
                m.validationLoss(),
                m.validationAccuracy(),
                m.validationError(),
                m.nonzeroFraction()
            }) {
                csv.append(',').append(number(value));
            }
            layers.forEach(
                    layer -> csv.append(',').append(number(m.nonzeroByLayer().get(layer))));
            csv.append(',').append(number(m.samplesPerSecond())).append(',').append(number(m.seconds()));
            csv.append('\n');
        }
        writeText(METRICS, csv.toString());
    }

    /** A CSV cell: empty for NaN, else the shortest exact decimal. */
    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%s", value);
    }

    /**
     * The summary of the run as it stands. It holds results only, in a fixed key order, so that two runs of the
     * same experiment and seed write byte-identical summaries; timings live in the manifest and metrics.csv.
     */
    void writeSummary(
            Experiment experiment, RunStatus status, List<EpochMetrics> history, Evaluation test, String message) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("experiment", experiment.name());
        summary.put("status", status.name().toLowerCase(Locale.ROOT));
        summary.put("epochs", experiment.training().epochs());
        summary.put("epochs_completed", history.size());
        summary.put("message", message);
        if (test != null) {
            summary.put("test_loss", finite(test.loss()));
            summary.put("test_accuracy", finite(test.accuracy()));
            summary.put("test_error", finite(test.error()));
            summary.put("nonzero_fraction", test.nonzeroFraction());
            summary.put("nonzero_weights", test.nonzero());
            summary.put("total_weights", test.total());
            Map<String, Object> layers = new LinkedHashMap<>();
            test.layers().forEach((name, count) -> layers.put(name, layerCount(count)));
            summary.put("nonzero_per_layer", layers);
        }
        if (!history.isEmpty()) {
            EpochMetrics last = history.get(history.size() - 1);
            summary.put("last_validation_accuracy", finite(last.validationAccuracy()));
            summary.put("last_validation_error", finite(last.validationError()));
            summary.put("last_nonzero_fraction", last.nonzeroFraction());
        }
        writeJson(SUMMARY, summary);
    }

    private static Map<String, Object> layerCount(Evaluation.LayerCount count) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("nonzero", count.nonzero());
        layer.put("total", count.total());
        layer.put("fraction", count.fraction());
        return layer;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Removed by the next process that opens the directory.
        }
    }

    /** The reason of an I/O error as the operating system gave it, e.g. "No space left on device". */
    static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}

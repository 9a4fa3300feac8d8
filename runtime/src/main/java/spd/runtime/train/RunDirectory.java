package spd.runtime.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import spd.runtime.Experiment;
import spd.runtime.base.RunException;

/**
 * The files of a run: the generated source, {@code manifest.json}, {@code metrics.csv}, {@code summary.json},
 * the plots and the checkpoint. Every file is replaced atomically (temporary file, then rename), so the
 * directory is valid whenever the process stops.
 */
final class RunDirectory {
  static final String MANIFEST = "manifest.json";
  static final String METRICS = "metrics.csv";
  static final String SUMMARY = "summary.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path path;

  private RunDirectory(Path path) {
    this.path = path;
  }

  /** Creates (or reuses) the directory. */
  static RunDirectory create(Path path) {
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new RunException("cannot create the run directory %s: %s".formatted(path, e.getMessage()), e);
    }
    return new RunDirectory(path);
  }

  Path path() {
    return path;
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
    Path temporary = path.resolve(name + ".tmp");
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      moveAtomically(temporary, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** Writes a JSON file atomically. */
  void writeJson(String name, Object value) {
    try {
      writeText(name, JSON.writeValueAsString(value) + System.lineSeparator());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a JSON file of this directory as a map, or null when it does not exist. */
  @SuppressWarnings("unchecked")
  Map<String, Object> readJson(String name) {
    Path file = path.resolve(name);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return JSON.readValue(file.toFile(), Map.class);
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
      for (double value :
          new double[] {
            m.learningRate(), m.trainLoss(), m.trainAccuracy(), m.validationLoss(),
            m.validationAccuracy(), m.validationError(), m.nonzeroFraction()
          }) {
        csv.append(',').append(number(value));
      }
      layers.forEach(layer -> csv.append(',').append(number(m.nonzeroByLayer().get(layer))));
      csv.append(',').append(number(m.samplesPerSecond())).append(',').append(number(m.seconds()));
      csv.append('\n');
    }
    writeText(METRICS, csv.toString());
  }

  /** A CSV cell: empty for NaN, else the shortest exact decimal. */
  private static String number(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%s", value);
  }

  /** The summary of the run as it stands. */
  void writeSummary(
      Experiment experiment, RunStatus status, List<EpochMetrics> history, Evaluation test, String message, double wallSeconds) {
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
      test.layers()
          .forEach(
              (name, count) ->
                  layers.put(
                      name,
                      Map.of("nonzero", count.nonzero(), "total", count.total(), "fraction", count.fraction())));
      summary.put("nonzero_per_layer", layers);
    }
    if (!history.isEmpty()) {
      EpochMetrics last = history.get(history.size() - 1);
      summary.put("last_validation_accuracy", finite(last.validationAccuracy()));
      summary.put("last_validation_error", finite(last.validationError()));
      summary.put("last_nonzero_fraction", last.nonzeroFraction());
    }
    summary.put("wall_time_seconds", wallSeconds);
    writeJson(SUMMARY, summary);
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}

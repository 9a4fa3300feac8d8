package spd.compiler.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a finished (or unfinished) run directory says: its summary, and its per-epoch curve as rows of
 * (epoch, validation error, nonzero fraction). The test error is a misclassification rate for
 * classification and a mean squared error for regression.
 */
public record RunRecord(SweepPoint point, String status, int epochs, boolean classification, double testError,
    double nonzeroFraction, double wallSeconds, List<double[]> curve) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public boolean completed() {
    return status.equals("completed");
  }

  /** Reads a run directory; empty when it holds no summary yet. */
  public static Optional<RunRecord> read(SweepPoint point) {
    Path summary = point.directory().resolve("summary.json");
    if (!Files.exists(summary)) {
      return Optional.empty();
    }
    try {
      JsonNode json = JSON.readTree(summary.toFile());
      return Optional.of(new RunRecord(point, json.path("status").asText("unknown"),
          json.path("epochs_completed").asInt(0), json.path("test_accuracy").isNumber(),
          json.path("test_error").asDouble(Double.NaN),
          json.path("nonzero_fraction").asDouble(Double.NaN), json.path("wall_time_seconds").asDouble(Double.NaN),
          curve(point.directory().resolve("metrics.csv"))));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Rows of (epoch, validation error, nonzero fraction) from metrics.csv. */
  private static List<double[]> curve(Path metrics) throws IOException {
    List<double[]> rows = new ArrayList<>();
    if (!Files.exists(metrics)) {
      return rows;
    }
    List<String> lines = Files.readAllLines(metrics);
    if (lines.isEmpty()) {
      return rows;
    }
    List<String> header = List.of(lines.getFirst().split(","));
    int epoch = header.indexOf("epoch");
    int error = header.indexOf("validation_error");
    int nonzero = header.indexOf("nonzero_fraction");
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      rows.add(new double[] {cell(cells, epoch), cell(cells, error), cell(cells, nonzero)});
    }
    return rows;
  }

  /** A number of metrics.csv; an empty cell (no validation split, regression accuracy) is NaN. */
  private static double cell(String[] cells, int index) {
    return index < 0 || index >= cells.length || cells[index].isBlank() ? Double.NaN : Double.parseDouble(cells[index]);
  }
}

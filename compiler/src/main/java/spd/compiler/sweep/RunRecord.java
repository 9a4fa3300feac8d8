package spd.compiler.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What a finished (or unfinished) run directory says: its summary, and its per-epoch curve as rows of
 * (epoch, validation error, nonzero fraction). The test error is a misclassification rate for
 * classification and a mean squared error for regression.
 */
public record RunRecord(
        SweepPoint point,
        String status,
        int epochs,
        boolean classification,
        double testError,
        double nonzeroFraction,
        double wallSeconds,
        List<double[]> curve) {

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
            return Optional.of(new RunRecord(
                    point,
                    json.path("status").asText("unknown"),
                    json.path("epochs_completed").asInt(0),
                    json.path("test_accuracy").isNumber(),
                    json.path("test_error").asDouble(Double.NaN),
                    json.path("nonzero_fraction").asDouble(Double.NaN),
                    wallSeconds(point.directory().resolve("manifest.json")),
                    curve(point.directory().resolve("metrics.csv"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The run's wall time over all its sessions, from its manifest (summaries hold results only). */
    private static double wallSeconds(Path manifest) throws IOException {
        return Files.exists(manifest)
                ? JSON.readTree(manifest.toFile()).path("wall_time_seconds").asDouble(Double.NaN)
                : Double.NaN;
    }

    /** Rows of (epoch, validation error, nonzero fraction) from metrics.csv. */
    private static List<double[]> curve(Path metrics) throws IOException {
        List<double[]> rows = new ArrayList<>();
        if (!Files.exists(metrics)) {
            return rows;
        }
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (Reader reader = Files.newBufferedReader(metrics);
                CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord row : parser) {
                rows.add(new double[] {cell(row, "epoch"), cell(row, "validation_error"), cell(row, "nonzero_fraction")
                });
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException("malformed " + metrics + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** A number of metrics.csv; an empty cell (no validation split, regression accuracy) is NaN. */
    private static double cell(CSVRecord row, String column) {
        String value = row.isMapped(column) && row.isSet(column) ? row.get(column) : "";
        return value.isBlank() ? Double.NaN : Double.parseDouble(value);
    }
}

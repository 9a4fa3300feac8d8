package spd.compiler.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes a sweep's table (Markdown and CSV) and its plots (curves per method, the Pareto front). */
public final class SweepReport {
    private SweepReport() {}

    /** The runs of one experiment and settings, over its seeds. */
    record Group(String label, String experiment, String settings, List<RunRecord> runs) {
        Stats testError() {
            return Stats.of(runs.stream().mapToDouble(RunRecord::testError).toArray());
        }

        Stats nonzero() {
            return Stats.of(
                    runs.stream().mapToDouble(RunRecord::nonzeroFraction).toArray());
        }

        Stats wall() {
            return Stats.of(runs.stream().mapToDouble(RunRecord::wallSeconds).toArray());
        }
    }

    /** Mean and sample standard deviation (0 for one value). */
    record Stats(double mean, double sd, int n) {
        static Stats of(double[] values) {
            double mean = 0;
            for (double v : values) {
                mean += v / values.length;
            }
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            return new Stats(mean, values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0, values.length);
        }
    }

    public static void write(List<RunRecord> records, Path out) throws IOException {
        Files.createDirectories(out);
        List<Group> groups = groups(records);
        Files.writeString(out.resolve("sweep.csv"), csv(records));
        Files.writeString(out.resolve("sweep.md"), markdown(groups));
        SweepPlots.curves(groups, out);
        SweepPlots.pareto(groups, out);
    }

    static List<Group> groups(List<RunRecord> records) {
        Map<String, List<RunRecord>> byLabel = new LinkedHashMap<>();
        for (RunRecord record : records) {
            byLabel.computeIfAbsent(record.point().groupLabel(), k -> new ArrayList<>())
                    .add(record);
        }
        List<Group> groups = new ArrayList<>();
        byLabel.forEach((label, runs) -> groups.add(new Group(
                label,
                runs.getFirst().point().experiment(),
                runs.getFirst().point().settingsLabel(),
                runs)));
        return groups;
    }

    /** One row per run; Commons CSV quotes what needs it (a path with a comma or a quote survives). */
    static String csv(List<RunRecord> records) throws IOException {
        StringBuilder csv = new StringBuilder();
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setRecordSeparator('\n')
                .setHeader(
                        "experiment",
                        "file",
                        "settings",
                        "seed",
                        "status",
                        "epochs",
                        "test_error",
                        "nonzero_fraction",
                        "wall_seconds",
                        "run_directory")
                .get();
        try (CSVPrinter printer = new CSVPrinter(csv, format)) {
            for (RunRecord r : records) {
                printer.printRecord(
                        r.point().experiment(),
                        r.point().file(),
                        r.point().settingsLabel(),
                        r.point().seed(),
                        r.status(),
                        r.epochs(),
                        number(r.testError()),
                        number(r.nonzeroFraction()),
                        number(r.wallSeconds()),
                        r.point().directory());
            }
        }
        return csv.toString();
    }

    private static String markdown(List<Group> groups) {
        StringBuilder md = new StringBuilder("# Sweep\n\n");
        md.append("| experiment | settings | seeds | epochs | test error (MSE for regression) | nonzero fraction | "
                + "compression | wall time per run |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Group g : groups) {
            Stats error = g.testError();
            Stats nonzero = g.nonzero();
            String errorText = g.runs().getFirst().classification()
                    ? String.format(Locale.ROOT, "%.2f%% ± %.2f", 100 * error.mean(), 100 * error.sd())
                    : String.format(Locale.ROOT, "%.4g ± %.2g", error.mean(), error.sd());
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %s | %.4f ± %.4f | %.1f× | %.0f s |%n",
                    g.experiment(),
                    g.settings(),
                    error.n(),
                    g.runs().getFirst().epochs(),
                    errorText,
                    nonzero.mean(),
                    nonzero.sd(),
                    1 / nonzero.mean(),
                    g.wall().mean()));
        }
        md.append("\n± is the standard deviation over seeds. Plots: `nonzero_vs_epoch.png` and ")
                .append(
                        "`validation_error_vs_epoch.png` (per epoch, mean over seeds), `pareto.png` (test error against ")
                .append("nonzero fraction, one point per run); each also as SVG.\n");
        return md.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}

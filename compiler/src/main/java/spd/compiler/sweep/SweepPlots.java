package spd.compiler.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spd.plot.Axis;
import spd.plot.Chart;
import spd.plot.Figure;
import spd.plot.Series;
import spd.plot.Style;

/** The plots of a sweep: per-epoch curves like the paper's LeNet-300-100 figure, and the Pareto front. */
final class SweepPlots {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    /** The opacity of a single run's dot, so that runs on top of each other stay visible. */
    private static final double RUN_OPACITY = 0.43;

    private SweepPlots() {}

    /** Nonzero fraction and validation error per epoch, one line per group (mean over seeds). */
    static void curves(List<SweepReport.Group> groups, Path out) throws IOException {
        // A log axis labels only powers of ten: worth it only when the curves span more than a decade.
        boolean logNonzero = groups.stream()
                .flatMap(g -> g.runs().stream())
                .flatMap(r -> r.curve().stream())
                .anyMatch(row -> row[2] < 0.1);
        List<Series> nonzero = new ArrayList<>();
        List<Series> error = new ArrayList<>();
        for (int index = 0; index < groups.size(); index++) {
            SweepReport.Group group = groups.get(index);
            List<double[]> mean = meanCurve(group);
            if (mean.isEmpty()) {
                continue;
            }
            double[] epochs = column(mean, 0);
            nonzero.add(line(index, group.label(), epochs, positive(column(mean, 2))));
            error.add(line(index, group.label(), epochs, column(mean, 1)));
        }
        save(
                chart(
                        "Fraction of nonzero weights",
                        Axis.linear("epoch").wholeNumbers(),
                        Axis.of("nonzero fraction", logNonzero),
                        nonzero),
                out.resolve("nonzero_vs_epoch"));
        save(
                chart("Validation error", Axis.linear("epoch").wholeNumbers(), Axis.linear("validation error"), error),
                out.resolve("validation_error_vs_epoch"));
    }

    /**
     * Test error against nonzero fraction: per experiment, a line through the mean over seeds of each setting
     * (the trade-off its grid traces), and every run as a dot around it (the spread over seeds).
     */
    static void pareto(List<SweepReport.Group> groups, Path out) throws IOException {
        boolean logX = groups.stream().flatMap(g -> g.runs().stream()).anyMatch(r -> r.nonzeroFraction() < 0.1);
        Map<String, List<SweepReport.Group>> byExperiment = new LinkedHashMap<>();
        groups.forEach(g -> byExperiment
                .computeIfAbsent(g.experiment(), k -> new ArrayList<>())
                .add(g));
        List<Series> series = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<String, List<SweepReport.Group>> experiment : byExperiment.entrySet()) {
            List<SweepReport.Group> settings = new ArrayList<>(experiment.getValue());
            settings.sort(Comparator.comparingDouble(g -> g.nonzero().mean()));
            double[] x = settings.stream()
                    .mapToDouble(g -> Math.max(g.nonzero().mean(), 1e-6))
                    .toArray();
            double[] y =
                    settings.stream().mapToDouble(g -> g.testError().mean()).toArray();
            series.add(Series.line(experiment.getKey(), x, y)
                    .withMarker(Style.Marker.DIAMOND)
                    .withColour(colour));
            double[] runX = settings.stream()
                    .flatMap(g -> g.runs().stream())
                    .mapToDouble(r -> Math.max(r.nonzeroFraction(), 1e-6))
                    .toArray();
            double[] runY = settings.stream()
                    .flatMap(g -> g.runs().stream())
                    .mapToDouble(RunRecord::testError)
                    .toArray();
            series.add(Series.scatter(experiment.getKey() + " (runs)", runX, runY)
                    .withColour(colour)
                    .withOpacity(RUN_OPACITY)
                    .unlisted());
            colour++;
        }
        save(
                chart(
                        "Test error against nonzero fraction",
                        Axis.of("nonzero fraction", logX),
                        Axis.linear("test error"),
                        series),
                out.resolve("pareto"));
    }

    private static List<double[]> meanCurve(SweepReport.Group group) {
        int epochs = group.runs().stream().mapToInt(r -> r.curve().size()).min().orElse(0);
        List<double[]> mean = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            double[] row = new double[3];
            for (RunRecord run : group.runs()) {
                double[] r = run.curve().get(e);
                for (int c = 0; c < 3; c++) {
                    row[c] += r[c] / group.runs().size();
                }
            }
            mean.add(row);
        }
        return mean;
    }

    private static Chart chart(String title, Axis x, Axis y, List<Series> series) {
        return new Chart(title, x, y, series, Chart.Legend.BELOW);
    }

    /** Curves that coincide (AdaTikhonov and LogSum share a gradient) stay visible: every other one dashed. */
    private static Series line(int index, String label, double[] x, double[] y) {
        Series series = Series.line(label, x, y);
        return index % 2 == 0 ? series.withWidth(2.5) : series.dashed().withWidth(2);
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    /** A log axis cannot show 0: a fully pruned point is drawn at 1e-6. */
    private static double[] positive(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(out[i], 1e-6);
        }
        return out;
    }

    /** Writes {@code base}.svg and {@code base}.png. */
    private static void save(Chart chart, Path base) throws IOException {
        Figure.of(chart, WIDTH, HEIGHT)
                .write(
                        base.resolveSibling(base.getFileName() + ".svg"),
                        base.resolveSibling(base.getFileName() + ".png"));
    }
}

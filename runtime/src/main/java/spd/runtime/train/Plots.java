package spd.runtime.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import spd.plot.Axis;
import spd.plot.Chart;
import spd.plot.Figure;
import spd.plot.Series;
import spd.plot.Style;

/**
 * The run's two plots, nonzero fraction and validation error per epoch (training loss when there is no
 * validation split), each as PNG and SVG. Values a diverging run leaves (infinite, or beyond 1e300) are gaps,
 * and large ones get scientific tick labels: see {@link spd.plot.ChartGuard}.
 */
final class Plots {
    static final String NONZERO = "nonzero_fraction";
    static final String VALIDATION = "validation_error";
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;
    /** Beyond this many epochs a marker per point clutters the line. */
    private static final int MOST_MARKED_EPOCHS = 30;

    private Plots() {}

    /** Writes both plots into the directory, each file atomically. */
    static void write(Path directory, String experiment, List<EpochMetrics> history) throws IOException {
        if (history.isEmpty()) {
            return;
        }
        write(
                directory,
                NONZERO,
                chart(experiment, "nonzero fraction of weights", true, history, EpochMetrics::nonzeroFraction));
        boolean hasValidation = !Double.isNaN(history.get(0).validationLoss());
        boolean classification = !Double.isNaN(history.get(0).trainAccuracy());
        ToDoubleFunction<EpochMetrics> second = !hasValidation
                ? EpochMetrics::trainLoss
                : classification ? EpochMetrics::validationError : m -> 2 * m.validationLoss();
        String label = !hasValidation
                ? "training loss"
                : classification ? "validation error" : "validation mean squared error";
        write(directory, VALIDATION, chart(experiment, label, hasValidation && classification, history, second));
    }

    private static Chart chart(
            String experiment,
            String quantity,
            boolean percent,
            List<EpochMetrics> history,
            ToDoubleFunction<EpochMetrics> value) {
        double[] epochs = history.stream().mapToDouble(EpochMetrics::epoch).toArray();
        double[] values = history.stream().mapToDouble(value).toArray();
        Axis y = percent ? Axis.linear(quantity).from(0).asPercent() : Axis.linear(quantity);
        Series series = Series.line(quantity, epochs, values);
        if (history.size() <= MOST_MARKED_EPOCHS) {
            series = series.withMarker(Style.Marker.CIRCLE);
        }
        return new Chart(
                experiment + ": " + quantity,
                Axis.linear("epoch").wholeNumbers(),
                y,
                List.of(series),
                Chart.Legend.NONE);
    }

    private static void write(Path directory, String name, Chart chart) throws IOException {
        Figure.of(chart, WIDTH, HEIGHT).write(directory.resolve(name + ".svg"), directory.resolve(name + ".png"));
    }
}

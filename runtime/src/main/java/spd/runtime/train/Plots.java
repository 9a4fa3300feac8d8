package spd.runtime.train;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import spd.runtime.plot.ChartGuard;

/**
 * The run's two plots, nonzero fraction and validation error per epoch (training loss when there is no
 * validation split), each as PNG and SVG. Values a diverging run leaves (infinite, or beyond 1e300) are gaps,
 * and large ones get scientific tick labels: see {@link ChartGuard}.
 */
final class Plots {
  static final String NONZERO = "nonzero_fraction";
  static final String VALIDATION = "validation_error";

  private Plots() {}

  /** Writes both plots into the directory, each file atomically. */
  static void write(Path directory, String experiment, List<EpochMetrics> history) throws IOException {
    if (history.isEmpty()) {
      return;
    }
    System.setProperty("java.awt.headless", "true");
    // ImageIO's file cache registers a shutdown hook per stream, which fails while the JVM shuts down.
    javax.imageio.ImageIO.setUseCache(false);
    write(directory, NONZERO, chart(experiment, "nonzero fraction of weights", true, history, EpochMetrics::nonzeroFraction));
    boolean hasValidation = !Double.isNaN(history.get(0).validationLoss());
    boolean classification = !Double.isNaN(history.get(0).trainAccuracy());
    ToDoubleFunction<EpochMetrics> second =
        !hasValidation ? EpochMetrics::trainLoss : classification ? EpochMetrics::validationError : m -> 2 * m.validationLoss();
    String label = !hasValidation ? "training loss" : classification ? "validation error" : "validation mean squared error";
    write(directory, VALIDATION, chart(experiment, label, hasValidation && classification, history, second));
  }

  private static XYChart chart(
      String experiment, String quantity, boolean percent, List<EpochMetrics> history, ToDoubleFunction<EpochMetrics> value) {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title(experiment + ": " + quantity)
            .xAxisTitle("epoch")
            .yAxisTitle(quantity)
            .build();
    chart.getStyler().setLegendVisible(false);
    double[] epochs = history.stream().mapToDouble(EpochMetrics::epoch).toArray();
    double[] values = ChartGuard.plottable(history.stream().mapToDouble(value).toArray());
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setYAxisDecimalPattern(percent ? "0.0%" : ChartGuard.decimalPattern(values));
    if (percent) {
      chart.getStyler().setYAxisMin(0.0);
    }
    chart.addSeries(quantity, epochs, values).setMarker(history.size() > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    return chart;
  }

  @SuppressWarnings("deprecation") // XChart 4.0.3 marks its encoders' IChart overloads, the only ones it has
  private static void write(Path directory, String name, XYChart chart) throws IOException {
    Path png = directory.resolve(name + ".png.tmp");
    try (OutputStream out = Files.newOutputStream(png)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
    RunDirectory.moveAtomically(png, directory.resolve(name + ".png"));
    Path svg = directory.resolve(name + ".svg.tmp");
    try (OutputStream out = Files.newOutputStream(svg)) {
      VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }
    RunDirectory.moveAtomically(svg, directory.resolve(name + ".svg"));
  }
}

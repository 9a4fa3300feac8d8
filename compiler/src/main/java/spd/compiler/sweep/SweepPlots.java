package spd.compiler.sweep;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import spd.runtime.plot.ChartGuard;

/** The plots of a sweep: per-epoch curves like the paper's LeNet-300-100 figure, and the Pareto front. */
final class SweepPlots {
  private SweepPlots() {}

  /** Nonzero fraction and validation error per epoch, one line per group (mean over seeds). */
  static void curves(List<SweepReport.Group> groups, Path out) throws IOException {
    XYChart nonzero = chart("Fraction of nonzero weights", "epoch", "nonzero fraction");
    // A log axis labels only powers of ten: worth it only when the curves span more than a decade.
    nonzero.getStyler().setYAxisLogarithmic(groups.stream().flatMap(g -> g.runs().stream())
        .flatMap(r -> r.curve().stream()).anyMatch(row -> row[2] < 0.1));
    XYChart error = chart("Validation error", "epoch", "validation error");
    for (int index = 0; index < groups.size(); index++) {
      SweepReport.Group group = groups.get(index);
      List<double[]> mean = meanCurve(group);
      if (mean.isEmpty()) {
        continue;
      }
      double[] epochs = column(mean, 0);
      line(nonzero, index, group.label(), epochs, positive(column(mean, 2)));
      line(error, index, group.label(), epochs, ChartGuard.plottable(column(mean, 1)));
    }
    save(nonzero, out.resolve("nonzero_vs_epoch"));
    save(error, out.resolve("validation_error_vs_epoch"));
  }

  /**
   * Test error against nonzero fraction: per experiment, a line through the mean over seeds of each setting
   * (the trade-off its grid traces), and every run as a dot around it (the spread over seeds).
   */
  static void pareto(List<SweepReport.Group> groups, Path out) throws IOException {
    XYChart chart = chart("Test error against nonzero fraction", "nonzero fraction", "test error");
    chart.getStyler().setXAxisLogarithmic(groups.stream().flatMap(g -> g.runs().stream())
        .anyMatch(r -> r.nonzeroFraction() < 0.1));
    // A regression sweep's test MSE can be astronomically large for a run that nearly diverged.
    chart.getStyler().setYAxisDecimalPattern(ChartGuard.decimalPattern(ChartGuard.plottable(
        groups.stream().flatMap(g -> g.runs().stream()).mapToDouble(RunRecord::testError).toArray())));
    Map<String, List<SweepReport.Group>> byExperiment = new LinkedHashMap<>();
    groups.forEach(g -> byExperiment.computeIfAbsent(g.experiment(), k -> new ArrayList<>()).add(g));
    int index = 0;
    for (Map.Entry<String, List<SweepReport.Group>> experiment : byExperiment.entrySet()) {
      Color color = PALETTE[index++ % PALETTE.length];
      List<SweepReport.Group> settings = new ArrayList<>(experiment.getValue());
      settings.sort(Comparator.comparingDouble(g -> g.nonzero().mean()));
      double[] x = settings.stream().mapToDouble(g -> Math.max(g.nonzero().mean(), 1e-6)).toArray();
      double[] y = ChartGuard.plottable(settings.stream().mapToDouble(g -> g.testError().mean()).toArray());
      XYSeries mean = chart.addSeries(experiment.getKey(), x, y);
      mean.setLineColor(color);
      mean.setMarkerColor(color);
      mean.setMarker(SeriesMarkers.DIAMOND);
      double[] runX = settings.stream().flatMap(g -> g.runs().stream())
          .mapToDouble(r -> Math.max(r.nonzeroFraction(), 1e-6)).toArray();
      double[] runY = ChartGuard.plottable(
          settings.stream().flatMap(g -> g.runs().stream()).mapToDouble(RunRecord::testError).toArray());
      XYSeries runs = chart.addSeries(experiment.getKey() + " (runs)", runX, runY);
      runs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      runs.setMarker(SeriesMarkers.CIRCLE);
      runs.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 110));
      runs.setShowInLegend(false);
    }
    save(chart, out.resolve("pareto"));
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

  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
      new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

  private static XYChart chart(String title, String x, String y) {
    XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(x).yAxisTitle(y).build();
    chart.getStyler().setMarkerSize(6);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setLegendBorderColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
    return chart;
  }

  /** Curves that coincide (AdaTikhonov and LogSum share a gradient) stay visible: every other one dashed. */
  private static void line(XYChart chart, int index, String label, double[] x, double[] y) {
    XYSeries series = chart.addSeries(label, x, y);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineStyle(index % 2 == 0 ? SeriesLines.SOLID : SeriesLines.DASH_DASH);
    series.setLineWidth(index % 2 == 0 ? 2.5f : 2f);
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

  private static void save(XYChart chart, Path base) throws IOException {
    BitmapEncoder.saveBitmapWithDPI(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG, 150);
    VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
  }
}

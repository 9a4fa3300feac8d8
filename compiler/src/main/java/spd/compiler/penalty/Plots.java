package spd.compiler.penalty;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of a derivation: Omega(w) beside its closest classical penalties, eta_hat(w) and the keep probability,
 * side by side in one SVG and one PNG (XChart panels painted on VectorGraphics2D and on a bitmap).
 */
final class Plots {
  static final int PANEL_WIDTH = 460;
  static final int HEIGHT = 360;
  private static final int POINTS = 200;
  private static final double W_MAX = 5;

  private Plots() {}

  /** Writes {@code base}.svg and {@code base}.png; returns their file names, or none when there is nothing to plot. */
  static List<String> write(Derivation d, Path directory, String base) {
    List<XYChart> panels = panels(d);
    if (panels.isEmpty()) {
      return List.of();
    }
    Path svg = directory.resolve(base + ".svg");
    Path png = directory.resolve(base + ".png");
    save(panels, svg, png);
    return List.of(svg.getFileName().toString(), png.getFileName().toString());
  }

  private static List<XYChart> panels(Derivation d) {
    List<XYChart> panels = new ArrayList<>();
    if (d.penalty() instanceof Penalty.NotSeparable || d.penalty() instanceof Penalty.None) {
      return panels;
    }
    double[] w = linspace(0, W_MAX, POINTS);
    if (!(d.penalty() instanceof Penalty.Divergent)) {
      panels.add(omegaPanel(d, w));
    }
    panels.add(curvePanel("adaptive rule", "eta_hat(w)", "eta_hat", w, d.functions()::etaHat));
    String lambda = d.input().lambdaSymbol();
    panels.add(curvePanel("keep probability", "eta_hat/(eta_hat + " + lambda + ")", "keep", w, d.functions()::keep));
    return panels;
  }

  private static XYChart omegaPanel(Derivation d, double[] w) {
    XYChart chart = chart("effective penalty", "Omega(w)");
    var values = d.functions().omega(w);
    double[] omega = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      omega[i] = values[i].value();
    }
    addFinite(chart, "Omega (" + d.input().experimentName() + ")", w, omega);
    for (ClassicalMatch m : d.classical()) {
      ClassicalMatcher.Family family = ClassicalMatcher.FAMILIES.stream()
          .filter(f -> f.name().equals(m.family())).findFirst().orElseThrow();
      double[] p = m.parameters().values().stream().mapToDouble(Double::doubleValue).toArray();
      double[] y = new double[w.length];
      for (int i = 0; i < w.length; i++) {
        y[i] = family.value(w[i], p);
      }
      XYSeries s = addFinite(chart, m.family() + (m.exact() ? " (equal)" : " (fit)"), w, y);
      if (s != null) {
        s.setLineStyle(SeriesLines.DASH_DASH);
      }
    }
    return chart;
  }

  private static XYChart curvePanel(String title, String yTitle, String name, double[] w, DoubleUnaryOperator f) {
    XYChart chart = chart(title, yTitle);
    double[] y = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      y[i] = f.applyAsDouble(w[i]);
    }
    double cap = axisCap(y);
    if (Double.isFinite(cap)) {
      // eta_hat blows up before a breakpoint (SCAD, MCP): cut the axis so that the rest stays readable.
      chart.getStyler().setYAxisMax(cap);
      chart.getStyler().setYAxisMin(0.0);
      name += " (axis cut at " + Numbers.format(cap) + ")";
      for (int i = 0; i < y.length; i++) {
        y[i] = Math.min(y[i], cap);
      }
    }
    addFinite(chart, name, w, y);
    return chart;
  }

  /** A y-axis maximum when a few values dwarf the rest, else inf. */
  private static double axisCap(double[] y) {
    double[] finite = java.util.Arrays.stream(y).filter(Double::isFinite).sorted().toArray();
    if (finite.length < 10) {
      return Double.POSITIVE_INFINITY;
    }
    double typical = finite[(int) (0.75 * (finite.length - 1))];
    double max = finite[finite.length - 1];
    return typical > 0 && max > 8 * typical ? 4 * typical : Double.POSITIVE_INFINITY;
  }

  static XYChart chart(String title, String yTitle) {
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(HEIGHT).title(title).xAxisTitle("|w|")
        .yAxisTitle(yTitle).build();
    org.knowm.xchart.style.XYStyler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.InsideNW);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    styler.setXAxisDecimalPattern("0.##");
    styler.setYAxisDecimalPattern("0.###");
    return chart;
  }

  /** A series of the finite points only (eta_hat = inf beyond a breakpoint is left out); null when none is finite. */
  static XYSeries addFinite(XYChart chart, String name, double[] x, double[] y) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(y[i]) && Double.isFinite(x[i])) {
        xs.add(x[i]);
        ys.add(y[i]);
      }
    }
    if (xs.isEmpty()) {
      return null;
    }
    XYSeries series = chart.addSeries(name, xs, ys);
    series.setMarker(SeriesMarkers.NONE);
    return series;
  }

  static double[] linspace(double a, double b, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = a + (b - a) * i / (n - 1);
    }
    return x;
  }

  /** The panels side by side, as SVG and as PNG. */
  static void save(List<XYChart> panels, Path svg, Path png) {
    System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
    int width = PANEL_WIDTH * panels.size();
    try {
      VectorGraphics2D vector = new VectorGraphics2D();
      paint(vector, panels);
      Document document = Processors.get("svg").getDocument(vector.getCommands(), new PageSize(0, 0, width, HEIGHT));
      try (OutputStream out = Files.newOutputStream(svg)) {
        document.writeTo(out);
      }
      BufferedImage image = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB);
      Graphics2D bitmap = image.createGraphics();
      bitmap.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      paint(bitmap, panels);
      bitmap.dispose();
      ImageIO.write(image, "png", png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plot " + svg + ": " + e.getMessage(), e);
    }
  }

  private static void paint(Graphics2D g, List<XYChart> panels) {
    for (int i = 0; i < panels.size(); i++) {
      Graphics2D panel = (Graphics2D) g.create(i * PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT);
      panels.get(i).paint(panel, PANEL_WIDTH, HEIGHT);
      panel.dispose();
    }
  }
}

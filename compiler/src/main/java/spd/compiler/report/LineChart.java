package spd.compiler.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import spd.compiler.penalty.Numbers;

/**
 * Line charts side by side, drawn once through a small {@link Canvas} into SVG (text as text, a few kilobytes,
 * byte-for-byte deterministic) and into a PNG (Java2D). Axes get "nice" ticks (1, 2, 5 times a power of ten, or
 * decades on a logarithmic axis); series with non-finite points are drawn in finite stretches.
 */
final class LineChart {
  static final int PANEL_WIDTH = 460;
  static final int HEIGHT = 340;
  private static final int LEFT = 62;
  private static final int RIGHT = 14;
  private static final int TOP = 30;
  private static final int BOTTOM = 44;
  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
      new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
      new Color(0xbcbd22), new Color(0x17becf)};

  private LineChart() {}

  /** One curve: its legend name, points, and whether it is drawn dashed (fits, references). */
  record Series(String name, double[] x, double[] y, boolean dashed) {}

  /** One chart: title, axis titles, a logarithmic x axis or not, an optional cap on the y axis, and its curves. */
  record Panel(String title, String xTitle, String yTitle, boolean logX, double yCap, List<Series> series) {}

  /** The drawing operations the charts need, in pixel coordinates with y down. */
  interface Canvas {
    void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed);

    void polyline(List<double[]> points, Color color, double width, boolean dashed);

    /** Text anchored at (x, y): anchor -1 left, 0 centre, 1 right; rotated by -90 degrees when vertical. */
    void text(double x, double y, String text, int size, int anchor, boolean vertical, boolean bold);

    void rectangle(double x, double y, double width, double height, Color stroke, Color fill);
  }

  // ------------------------------------------------------------------ rendering

  static String svg(List<Panel> panels) {
    SvgCanvas canvas = new SvgCanvas(PANEL_WIDTH * panels.size(), HEIGHT);
    draw(panels, canvas);
    return canvas.finish();
  }

  static BufferedImage png(List<Panel> panels) {
    System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
    BufferedImage image = new BufferedImage(PANEL_WIDTH * panels.size(), HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    draw(panels, new Java2dCanvas(g));
    g.dispose();
    return image;
  }

  private static void draw(List<Panel> panels, Canvas canvas) {
    for (int i = 0; i < panels.size(); i++) {
      drawPanel(panels.get(i), canvas, i * PANEL_WIDTH);
    }
  }

  private static void drawPanel(Panel p, Canvas c, double offset) {
    double x0 = offset + LEFT;
    double x1 = offset + PANEL_WIDTH - RIGHT;
    double y0 = HEIGHT - BOTTOM;
    double y1 = TOP;
    Axis xAxis = p.logX() ? Axis.logarithmic(range(p, true)) : Axis.linear(range(p, true), false);
    Axis yAxis = Axis.linear(range(p, false), true);
    c.text(offset + PANEL_WIDTH / 2.0, 18, p.title(), 14, 0, false, true);
    c.rectangle(x0, y1, x1 - x0, y0 - y1, new Color(0x888888), null);
    for (double tick : xAxis.ticks()) {
      double x = x0 + xAxis.fraction(tick) * (x1 - x0);
      c.line(x, y0, x, y1, new Color(0xe5e5e5), 1, false);
      c.line(x, y0, x, y0 + 4, new Color(0x555555), 1, false);
      c.text(x, y0 + 16, xAxis.label(tick), 10, 0, false, false);
    }
    for (double tick : yAxis.ticks()) {
      double y = y0 - yAxis.fraction(tick) * (y0 - y1);
      c.line(x0, y, x1, y, new Color(0xe5e5e5), 1, false);
      c.line(x0 - 4, y, x0, y, new Color(0x555555), 1, false);
      c.text(x0 - 6, y + 3.5, yAxis.label(tick), 10, 1, false, false);
    }
    c.text((x0 + x1) / 2, HEIGHT - 10, p.xTitle(), 12, 0, false, false);
    c.text(offset + 14, (y0 + y1) / 2, p.yTitle(), 12, 0, true, false);
    for (int s = 0; s < p.series().size(); s++) {
      Series series = p.series().get(s);
      Color color = PALETTE[s % PALETTE.length];
      for (List<double[]> stretch : stretches(series, xAxis, yAxis, x0, x1, y0, y1)) {
        c.polyline(stretch, color, series.dashed() ? 1.6 : 2, series.dashed());
      }
    }
    legend(p, c, x0, y1);
  }

  private static void legend(Panel p, Canvas c, double x0, double y1) {
    int rows = p.series().size();
    double longest = p.series().stream().mapToInt(s -> s.name().length()).max().orElse(0);
    double width = 34 + 6.2 * longest;
    c.rectangle(x0 + 8, y1 + 8, width, 8 + 15 * rows, new Color(0xbbbbbb), Color.WHITE);
    for (int s = 0; s < rows; s++) {
      double y = y1 + 20 + 15 * s;
      Series series = p.series().get(s);
      c.line(x0 + 14, y - 3.5, x0 + 36, y - 3.5, PALETTE[s % PALETTE.length], 2, series.dashed());
      c.text(x0 + 40, y, series.name(), 11, -1, false, false);
    }
  }

  /** The finite points of a series in pixels, split where it leaves the finite values or the capped range. */
  private static List<List<double[]>> stretches(Series s, Axis xAxis, Axis yAxis, double x0, double x1, double y0,
      double y1) {
    List<List<double[]>> stretches = new ArrayList<>();
    List<double[]> current = new ArrayList<>();
    for (int i = 0; i < s.x().length; i++) {
      double x = s.x()[i];
      double y = Math.min(s.y()[i], yAxis.hi());
      boolean inside = Double.isFinite(x) && Double.isFinite(s.y()[i]) && (!xAxis.log() || x > 0);
      if (inside) {
        current.add(new double[] {x0 + xAxis.fraction(x) * (x1 - x0), y0 - yAxis.fraction(y) * (y0 - y1)});
      } else if (!current.isEmpty()) {
        stretches.add(current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      stretches.add(current);
    }
    return stretches;
  }

  /** [min, max] of the finite data on one axis (y capped at the panel's cap). */
  private static double[] range(Panel p, boolean x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : p.series()) {
      double[] values = x ? s.x() : s.y();
      for (int i = 0; i < values.length; i++) {
        double v = values[i];
        if (Double.isFinite(v) && Double.isFinite(s.y()[i]) && (!x || !p.logX() || v > 0)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, Math.min(v, x ? v : p.yCap()));
        }
      }
    }
    if (!(lo <= hi)) {
      return new double[] {0, 1};
    }
    return new double[] {lo, hi};
  }

  // ------------------------------------------------------------------ axes

  /** An axis: its range, ticks and the map from values to [0, 1]. */
  private record Axis(double lo, double hi, boolean log, double[] ticks, double step) {
    static Axis linear(double[] range, boolean includeZero) {
      double lo = includeZero ? Math.min(range[0], 0) : range[0];
      double hi = range[1];
      if (hi - lo < 1e-300) {
        hi = lo + (lo == 0 ? 1 : Math.abs(lo) * 0.1);
      }
      double step = niceStep((hi - lo) / 5);
      double first = Math.floor(lo / step) * step;
      double last = Math.ceil(hi / step) * step;
      List<Double> ticks = new ArrayList<>();
      for (double t = first; t <= last + step * 1e-9; t += step) {
        ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
      }
      return new Axis(first, last, false, ticks.stream().mapToDouble(Double::doubleValue).toArray(), step);
    }

    static Axis logarithmic(double[] range) {
      double lo = Math.pow(10, Math.floor(Math.log10(range[0])));
      double hi = Math.pow(10, Math.ceil(Math.log10(range[1])));
      hi = Math.max(hi, lo * 10);
      List<Double> ticks = new ArrayList<>();
      for (double t = lo; t <= hi * (1 + 1e-9); t *= 10) {
        ticks.add(t);
      }
      return new Axis(lo, hi, true, ticks.stream().mapToDouble(Double::doubleValue).toArray(), 10);
    }

    double fraction(double v) {
      return log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
    }

    String label(double v) {
      if (log) {
        int exponent = (int) Math.round(Math.log10(v));
        return exponent >= -2 && exponent <= 3 ? Numbers.format(v) : "1e" + exponent;
      }
      return Numbers.format(Math.round(v / step * 1e6) / 1e6 * step);
    }

    private static double niceStep(double raw) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double f = raw / magnitude;
      return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }
  }

  // ------------------------------------------------------------------ canvases

  /** SVG with text as text, coordinates rounded to 0.1 pixel. */
  private static final class SvgCanvas implements Canvas {
    private final StringBuilder out = new StringBuilder();

    SvgCanvas(int width, int height) {
      out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
          .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
          .append("\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\">\n")
          .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    }

    private static String n(double v) {
      return String.format(Locale.ROOT, "%.1f", v).replace(".0", "");
    }

    private static String color(Color c) {
      return String.format(Locale.ROOT, "#%06x", c.getRGB() & 0xffffff);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed) {
      out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
          .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(color(color)).append("\" stroke-width=\"")
          .append(n(width)).append('"').append(dashed ? " stroke-dasharray=\"6 4\"" : "").append("/>\n");
    }

    @Override
    public void polyline(List<double[]> points, Color color, double width, boolean dashed) {
      out.append("<polyline fill=\"none\" stroke=\"").append(color(color)).append("\" stroke-width=\"")
          .append(n(width)).append('"').append(dashed ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"");
      for (double[] p : points) {
        out.append(n(p[0])).append(',').append(n(p[1])).append(' ');
      }
      out.setLength(out.length() - 1);
      out.append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String text, int size, int anchor, boolean vertical, boolean bold) {
      String position = vertical
          ? "transform=\"translate(" + n(x) + "," + n(y) + ") rotate(-90)\""
          : "x=\"" + n(x) + "\" y=\"" + n(y) + "\"";
      out.append("<text ").append(position).append(" font-size=\"").append(size).append('"')
          .append(anchor < 0 ? "" : anchor == 0 ? " text-anchor=\"middle\"" : " text-anchor=\"end\"")
          .append(bold ? " font-weight=\"bold\"" : "").append('>').append(escape(text)).append("</text>\n");
    }

    @Override
    public void rectangle(double x, double y, double width, double height, Color stroke, Color fill) {
      out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(width))
          .append("\" height=\"").append(n(height)).append("\" fill=\"").append(fill == null ? "none" : color(fill))
          .append("\" stroke=\"").append(color(stroke)).append("\"/>\n");
    }

    private static String escape(String s) {
      return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    String finish() {
      return out.append("</svg>\n").toString();
    }
  }

  /** The same drawing on a Java2D surface, for the PNG. */
  private static final class Java2dCanvas implements Canvas {
    private final Graphics2D g;

    Java2dCanvas(Graphics2D g) {
      this.g = g;
    }

    private void stroke(Color color, double width, boolean dashed) {
      g.setColor(color);
      g.setStroke(dashed
          ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {6, 4}, 0)
          : new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed) {
      stroke(color, width, dashed);
      g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(List<double[]> points, Color color, double width, boolean dashed) {
      Path2D.Double path = new Path2D.Double();
      path.moveTo(points.get(0)[0], points.get(0)[1]);
      for (double[] p : points.subList(1, points.size())) {
        path.lineTo(p[0], p[1]);
      }
      stroke(color, width, dashed);
      g.draw(path);
    }

    @Override
    public void text(double x, double y, String text, int size, int anchor, boolean vertical, boolean bold) {
      g.setColor(new Color(0x222222));
      g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size));
      double width = g.getFontMetrics().stringWidth(text);
      double shift = anchor < 0 ? 0 : anchor == 0 ? -width / 2 : -width;
      AffineTransform saved = g.getTransform();
      g.translate(x, y);
      if (vertical) {
        g.rotate(-Math.PI / 2);
      }
      g.drawString(text, (float) shift, 0f);
      g.setTransform(saved);
    }

    @Override
    public void rectangle(double x, double y, double width, double height, Color stroke, Color fill) {
      java.awt.geom.Rectangle2D.Double r = new java.awt.geom.Rectangle2D.Double(x, y, width, height);
      if (fill != null) {
        g.setColor(fill);
        g.fill(r);
      }
      stroke(stroke, 1, false);
      g.draw(r);
    }
  }
}

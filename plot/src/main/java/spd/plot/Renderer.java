package spd.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out and draws a figure's charts side by side on a canvas: title, frame, grid, ticks and labels, axis titles,
 * the series (lines, then markers), and the legend. Layout depends on the text alone (estimated widths), so both
 * canvases get the same picture.
 */
final class Renderer {
    private static final int TOP = 32;
    private static final int RIGHT = 16;
    private static final int MIN_LEFT = 56;
    private static final int AXIS_BAND = 40;
    private static final int LEGEND_ROW = 16;
    private static final int LEGEND_TEXT = 11;
    private static final int TICK_TEXT = 10;

    private final Canvas canvas;

    private Renderer(Canvas canvas) {
        this.canvas = canvas;
    }

    static void draw(Figure figure, Canvas canvas) {
        Renderer renderer = new Renderer(canvas);
        for (int i = 0; i < figure.charts().size(); i++) {
            renderer.chart(figure.charts().get(i), i * figure.chartWidth(), figure.chartWidth(), figure.height());
        }
    }

    /** The plot area of a chart, in pixels: x0..x1 left to right, y0 (bottom) .. y1 (top). */
    private record Area(double x0, double x1, double y0, double y1) {
        double x(Scale scale, double v) {
            return x0 + clamp(scale.fraction(v)) * (x1 - x0);
        }

        double y(Scale scale, double v) {
            return y0 - clamp(scale.fraction(v)) * (y0 - y1);
        }

        private static double clamp(double f) {
            return Math.max(0, Math.min(1, f));
        }
    }

    private void chart(Chart chart, double offset, int width, int height) {
        Scale xScale = Scale.of(chart.x(), extent(chart, true)[0], extent(chart, true)[1]);
        Scale yScale = Scale.of(chart.y(), extent(chart, false)[0], extent(chart, false)[1]);
        List<List<Series>> legendRows = chart.legend() == Chart.Legend.BELOW ? rowsBelow(chart, width - 20) : List.of();
        double widestLabel = 0;
        for (String label : yScale.labels()) {
            widestLabel = Math.max(widestLabel, TextWidth.of(label, TICK_TEXT));
        }
        double left = Math.max(MIN_LEFT, 29 + widestLabel);
        double bottom = AXIS_BAND + (legendRows.isEmpty() ? 4 : 10 + LEGEND_ROW * legendRows.size());
        Area area = new Area(offset + left, offset + width - RIGHT, height - bottom, TOP);
        canvas.rectangle(area.x0, area.y1, area.x1 - area.x0, area.y0 - area.y1, Palette.FRAME, null);
        xAxis(chart.x(), xScale, area);
        yAxis(chart.y(), yScale, area, offset);
        for (int s = 0; s < chart.series().size(); s++) {
            series(chart.series().get(s), colour(chart.series().get(s), s), xScale, yScale, area);
        }
        switch (chart.legend()) {
            case INSIDE -> legendInside(chart, xScale, yScale, area);
            case BELOW -> legendBelow(chart, legendRows, offset, width, area.y0 + AXIS_BAND + 8);
            case NONE -> {}
        }
        canvas.text(offset + width / 2.0, 20, chart.title(), 14, Canvas.Anchor.MIDDLE, false, true);
    }

    private static Color colour(Series series, int position) {
        return Palette.series(
                series.style().colour() == Style.AUTO
                        ? position
                        : series.style().colour());
    }

    /** [min, max] over the points drawable on both axes, on the x or the y axis; NaNs when there are none. */
    private static double[] extent(Chart chart, boolean ofX) {
        double lo = Double.NaN;
        double hi = Double.NaN;
        for (Series s : chart.series()) {
            double[] xs = s.x();
            double[] ys = s.y();
            for (int i = 0; i < xs.length; i++) {
                if (drawable(chart.x(), xs[i]) && drawable(chart.y(), ys[i])) {
                    double v = ofX ? xs[i] : ys[i];
                    lo = Double.isNaN(lo) ? v : Math.min(lo, v);
                    hi = Double.isNaN(hi) ? v : Math.max(hi, v);
                }
            }
        }
        return new double[] {lo, hi};
    }

    private static boolean drawable(Axis axis, double v) {
        return ChartGuard.isDrawable(v) && (!axis.log() || v > 0);
    }

    private void xAxis(Axis axis, Scale scale, Area area) {
        double[] ticks = scale.ticks();
        for (int i = 0; i < ticks.length; i++) {
            double x = area.x(scale, ticks[i]);
            canvas.line(x, area.y0, x, area.y1, Palette.GRID, 1, false);
            canvas.line(x, area.y0, x, area.y0 + 4, Palette.TICK, 1, false);
            canvas.text(x, area.y0 + 16, scale.labels()[i], TICK_TEXT, Canvas.Anchor.MIDDLE, false, false);
        }
        canvas.text((area.x0 + area.x1) / 2, area.y0 + 34, axis.title(), 12, Canvas.Anchor.MIDDLE, false, false);
    }

    private void yAxis(Axis axis, Scale scale, Area area, double offset) {
        double[] ticks = scale.ticks();
        for (int i = 0; i < ticks.length; i++) {
            double y = area.y(scale, ticks[i]);
            canvas.line(area.x0, y, area.x1, y, Palette.GRID, 1, false);
            canvas.line(area.x0 - 4, y, area.x0, y, Palette.TICK, 1, false);
            canvas.text(area.x0 - 7, y + 3.5, scale.labels()[i], TICK_TEXT, Canvas.Anchor.END, false, false);
        }
        canvas.text(offset + 16, (area.y0 + area.y1) / 2, axis.title(), 12, Canvas.Anchor.MIDDLE, true, false);
    }

    private void series(Series s, Color colour, Scale xScale, Scale yScale, Area area) {
        List<double[]> points = new ArrayList<>();
        for (List<double[]> stretch : stretches(s, xScale, yScale, area)) {
            if (s.style().line() != Style.Line.NONE && stretch.size() > 1) {
                canvas.polyline(stretch, colour, s.style().width(), s.style().line() == Style.Line.DASHED);
            }
            points.addAll(stretch);
        }
        canvas.markers(s.style().marker(), points, colour, s.style().opacity());
    }

    /** The drawable points of a series in pixels, split where a point cannot be drawn (a gap in the line). */
    private static List<List<double[]>> stretches(Series s, Scale xScale, Scale yScale, Area area) {
        List<List<double[]>> stretches = new ArrayList<>();
        List<double[]> current = new ArrayList<>();
        double[] xs = s.x();
        double[] ys = s.y();
        for (int i = 0; i < xs.length; i++) {
            if (xScale.accepts(xs[i]) && yScale.accepts(ys[i])) {
                current.add(new double[] {area.x(xScale, xs[i]), area.y(yScale, ys[i])});
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

    // ------------------------------------------------------------------ legends

    private static List<Series> listed(Chart chart) {
        return chart.series().stream().filter(s -> s.style().listed()).toList();
    }

    private static double entryWidth(Series s) {
        return 34 + TextWidth.of(s.name(), LEGEND_TEXT);
    }

    /** The legend in the corner of the plot area that covers the fewest drawn points (top left on a tie). */
    private void legendInside(Chart chart, Scale xScale, Scale yScale, Area area) {
        List<Series> entries = listed(chart);
        if (entries.isEmpty()) {
            return;
        }
        double width =
                8 + entries.stream().mapToDouble(Renderer::entryWidth).max().orElse(0);
        double height = 8 + 15 * entries.size();
        List<double[]> points = new ArrayList<>();
        for (Series s : chart.series()) {
            for (List<double[]> stretch : stretches(s, xScale, yScale, area)) {
                points.addAll(sampled(stretch));
            }
        }
        double[][] corners = {
            {area.x0 + 8, area.y1 + 8},
            {area.x1 - 8 - width, area.y1 + 8},
            {area.x1 - 8 - width, area.y0 - 8 - height},
            {area.x0 + 8, area.y0 - 8 - height}
        };
        double[] best = corners[0];
        long fewest = Long.MAX_VALUE;
        for (double[] corner : corners) {
            // The box with its margin: a curve hugging the frame above the box would still touch it.
            long covered = points.stream()
                    .filter(p -> p[0] >= corner[0] - 8
                            && p[0] <= corner[0] + width + 8
                            && p[1] >= corner[1] - 8
                            && p[1] <= corner[1] + height + 8)
                    .count();
            if (covered < fewest) {
                fewest = covered;
                best = corner;
            }
        }
        canvas.rectangle(best[0], best[1], width, height, Palette.LEGEND_FRAME, Color.WHITE);
        for (int i = 0; i < entries.size(); i++) {
            Series s = entries.get(i);
            entry(s, colour(s, chart.series().indexOf(s)), best[0] + 6, best[1] + 19 + 15 * i);
        }
    }

    /** A stretch's points and three points inside each of its segments, so that a line through a box counts. */
    private static List<double[]> sampled(List<double[]> stretch) {
        List<double[]> out = new ArrayList<>(stretch);
        for (int i = 1; i < stretch.size(); i++) {
            double[] a = stretch.get(i - 1);
            double[] b = stretch.get(i);
            for (double t : new double[] {0.25, 0.5, 0.75}) {
                out.add(new double[] {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])});
            }
        }
        return out;
    }

    /** The listed series packed into centred rows no wider than {@code available}. */
    private static List<List<Series>> rowsBelow(Chart chart, double available) {
        List<List<Series>> rows = new ArrayList<>();
        List<Series> row = new ArrayList<>();
        double used = 0;
        for (Series s : listed(chart)) {
            double w = entryWidth(s) + 18;
            if (!row.isEmpty() && used + w > available) {
                rows.add(row);
                row = new ArrayList<>();
                used = 0;
            }
            row.add(s);
            used += w;
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    private void legendBelow(Chart chart, List<List<Series>> rows, double offset, int width, double top) {
        for (int r = 0; r < rows.size(); r++) {
            List<Series> row = rows.get(r);
            double rowWidth = row.stream().mapToDouble(s -> entryWidth(s) + 18).sum() - 18;
            double x = offset + (width - rowWidth) / 2;
            for (Series s : row) {
                entry(s, colour(s, chart.series().indexOf(s)), x, top + 12 + LEGEND_ROW * r);
                x += entryWidth(s) + 18;
            }
        }
    }

    /** One legend entry with its text's baseline at y: a line sample (and marker), then the name. */
    private void entry(Series s, Color colour, double x, double y) {
        double middle = y - 3.5;
        if (s.style().line() != Style.Line.NONE) {
            canvas.line(
                    x,
                    middle,
                    x + 24,
                    middle,
                    colour,
                    s.style().width(),
                    s.style().line() == Style.Line.DASHED);
        }
        if (s.style().marker() != Style.Marker.NONE) {
            canvas.marker(
                    s.style().marker(),
                    x + 12,
                    middle,
                    colour,
                    s.style().line() == Style.Line.NONE ? s.style().opacity() : 1);
        }
        canvas.text(x + 30, y, s.name(), LEGEND_TEXT, Canvas.Anchor.START, false, false);
    }
}

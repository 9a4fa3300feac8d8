package spd.plot;

import java.util.Arrays;

/**
 * One curve or point set of a chart: its legend name, its points and how it is drawn. Points whose coordinates are
 * not drawable (see {@link ChartGuard#isDrawable}) are left out, and a line breaks there.
 */
public record Series(String name, double[] x, double[] y, Style style) {
    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "series '" + name + "' has " + x.length + " x values and " + y.length + " y values");
        }
        x = x.clone();
        y = y.clone();
    }

    /** A solid line through the points, in the colour of its position in the chart. */
    public static Series line(String name, double[] x, double[] y) {
        return new Series(name, x, y, Style.solid());
    }

    /** Points only (circles), no line. */
    public static Series scatter(String name, double[] x, double[] y) {
        return line(name, x, y).withLine(Style.Line.NONE).withMarker(Style.Marker.CIRCLE);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** The same series drawn dashed, slightly thinner (fits, references, and every other of coinciding curves). */
    public Series dashed() {
        return withLine(Style.Line.DASHED).withWidth(Math.min(style.width(), 1.6));
    }

    public Series withLine(Style.Line line) {
        return new Series(
                name,
                x,
                y,
                new Style(line, style.marker(), style.colour(), style.opacity(), style.width(), style.listed()));
    }

    public Series withMarker(Style.Marker marker) {
        return new Series(
                name,
                x,
                y,
                new Style(style.line(), marker, style.colour(), style.opacity(), style.width(), style.listed()));
    }

    /** Drawn in the palette's colour number {@code index} (from 0), whatever its position. */
    public Series withColour(int index) {
        return new Series(
                name,
                x,
                y,
                new Style(style.line(), style.marker(), index, style.opacity(), style.width(), style.listed()));
    }

    /** Markers filled at this opacity, so that overlapping points stay visible. */
    public Series withOpacity(double opacity) {
        return new Series(
                name,
                x,
                y,
                new Style(style.line(), style.marker(), style.colour(), opacity, style.width(), style.listed()));
    }

    public Series withWidth(double width) {
        return new Series(
                name,
                x,
                y,
                new Style(style.line(), style.marker(), style.colour(), style.opacity(), width, style.listed()));
    }

    /** Left out of the legend (points that belong to a listed line). */
    public Series unlisted() {
        return new Series(
                name,
                x,
                y,
                new Style(style.line(), style.marker(), style.colour(), style.opacity(), style.width(), false));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Series s
                && name.equals(s.name)
                && Arrays.equals(x, s.x)
                && Arrays.equals(y, s.y)
                && style.equals(s.style);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(x)) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Series[" + name + ", " + x.length + " points, " + style + "]";
    }
}

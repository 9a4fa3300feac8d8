package spd.plot;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

/** SVG with text as text and coordinates in tenths of a pixel: small, readable, byte-for-byte deterministic. */
final class SvgCanvas implements Canvas {
    private static final double MARKER_RADIUS = 3.2;
    private final StringBuilder out = new StringBuilder();

    SvgCanvas(int width, int height) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\" fill=\"")
                .append(hex(Palette.TEXT))
                .append("\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    }

    /** A coordinate rounded to a tenth of a pixel, without a trailing ".0". */
    static String n(double v) {
        long tenths = Math.round(v * 10);
        if (tenths == 0) {
            return "0";
        }
        String sign = tenths < 0 ? "-" : "";
        long magnitude = Math.abs(tenths);
        return magnitude % 10 == 0 ? sign + magnitude / 10 : sign + magnitude / 10 + "." + magnitude % 10;
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%06x", c.getRGB() & 0xffffff);
    }

    private static String dash(boolean dashed) {
        return dashed ? " stroke-dasharray=\"6 4\"" : "";
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed) {
        out.append("<line x1=\"")
                .append(n(x1))
                .append("\" y1=\"")
                .append(n(y1))
                .append("\" x2=\"")
                .append(n(x2))
                .append("\" y2=\"")
                .append(n(y2))
                .append("\" stroke=\"")
                .append(hex(color))
                .append("\" stroke-width=\"")
                .append(n(width))
                .append('"')
                .append(dash(dashed))
                .append("/>\n");
    }

    @Override
    public void polyline(List<double[]> points, Color color, double width, boolean dashed) {
        out.append("<polyline fill=\"none\" stroke=\"")
                .append(hex(color))
                .append("\" stroke-width=\"")
                .append(n(width))
                .append("\" stroke-linejoin=\"round\"")
                .append(dash(dashed))
                .append(" points=\"");
        String separator = "";
        for (double[] p : points) {
            out.append(separator).append(n(p[0])).append(',').append(n(p[1]));
            separator = " ";
        }
        out.append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String text, int size, Anchor anchor, boolean vertical, boolean bold) {
        String position = vertical
                ? "transform=\"translate(" + n(x) + "," + n(y) + ") rotate(-90)\""
                : "x=\"" + n(x) + "\" y=\"" + n(y) + "\"";
        out.append("<text ")
                .append(position)
                .append(" font-size=\"")
                .append(size)
                .append('"')
                .append(
                        switch (anchor) {
                            case START -> "";
                            case MIDDLE -> " text-anchor=\"middle\"";
                            case END -> " text-anchor=\"end\"";
                        })
                .append(bold ? " font-weight=\"bold\"" : "")
                .append('>')
                .append(escape(text))
                .append("</text>\n");
    }

    @Override
    public void rectangle(double x, double y, double width, double height, Color stroke, Color fill) {
        out.append("<rect x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" width=\"")
                .append(n(width))
                .append("\" height=\"")
                .append(n(height))
                .append("\" fill=\"")
                .append(fill == null ? "none" : hex(fill))
                .append("\" stroke=\"")
                .append(hex(stroke))
                .append("\"/>\n");
    }

    @Override
    public void marker(Style.Marker marker, double x, double y, Color fill, double opacity) {
        markers(marker, List.of(new double[] {x, y}), fill, opacity);
    }

    /** A series' markers share one group that carries their colour and opacity. */
    @Override
    public void markers(Style.Marker marker, List<double[]> points, Color fill, double opacity) {
        if (marker == Style.Marker.NONE || points.isEmpty()) {
            return;
        }
        out.append("<g fill=\"")
                .append(hex(fill))
                .append('"')
                .append(opacity < 1 ? " fill-opacity=\"" + String.format(Locale.ROOT, "%.2f", opacity) + "\"" : "")
                .append(">\n");
        double r = MARKER_RADIUS;
        for (double[] p : points) {
            switch (marker) {
                case CIRCLE ->
                    out.append("<circle cx=\"")
                            .append(n(p[0]))
                            .append("\" cy=\"")
                            .append(n(p[1]))
                            .append("\" r=\"")
                            .append(n(r))
                            .append("\"/>\n");
                case DIAMOND ->
                    out.append("<path d=\"M")
                            .append(n(p[0]))
                            .append(',')
                            .append(n(p[1] - 1.3 * r))
                            .append('l')
                            .append(n(1.3 * r))
                            .append(',')
                            .append(n(1.3 * r))
                            .append(" ")
                            .append(n(-1.3 * r))
                            .append(',')
                            .append(n(1.3 * r))
                            .append(" ")
                            .append(n(-1.3 * r))
                            .append(',')
                            .append(n(-1.3 * r))
                            .append("z\"/>\n");
                case NONE -> {}
            }
        }
        out.append("</g>\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    String finish() {
        return out.append("</svg>\n").toString();
    }
}

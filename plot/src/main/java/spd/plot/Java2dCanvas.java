package spd.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/** The same drawing on a Java2D surface, for the PNG. */
final class Java2dCanvas implements Canvas {
    private static final double MARKER_RADIUS = 3.2;
    private final Graphics2D g;

    Java2dCanvas(Graphics2D g) {
        this.g = g;
    }

    private void stroke(Color color, double width, boolean dashed) {
        g.setColor(color);
        g.setStroke(
                dashed
                        ? new BasicStroke(
                                (float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {6, 4}, 0)
                        : new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed) {
        stroke(color, width, dashed);
        g.draw(new Line2D.Double(x1, y1, x2, y2));
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
    public void text(double x, double y, String text, int size, Anchor anchor, boolean vertical, boolean bold) {
        g.setColor(Palette.TEXT);
        g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size));
        double width = g.getFontMetrics().getStringBounds(text, g).getWidth();
        double shift = switch (anchor) {
            case START -> 0;
            case MIDDLE -> -width / 2;
            case END -> -width;
        };
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
        Rectangle2D.Double r = new Rectangle2D.Double(x, y, width, height);
        if (fill != null) {
            g.setColor(fill);
            g.fill(r);
        }
        stroke(stroke, 1, false);
        g.draw(r);
    }

    @Override
    public void marker(Style.Marker marker, double x, double y, Color fill, double opacity) {
        g.setColor(new Color(fill.getRed(), fill.getGreen(), fill.getBlue(), (int) Math.round(255 * opacity)));
        double r = MARKER_RADIUS;
        switch (marker) {
            case CIRCLE -> g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
            case DIAMOND -> {
                Path2D.Double d = new Path2D.Double();
                d.moveTo(x, y - 1.3 * r);
                d.lineTo(x + 1.3 * r, y);
                d.lineTo(x, y + 1.3 * r);
                d.lineTo(x - 1.3 * r, y);
                d.closePath();
                g.fill(d);
            }
            case NONE -> {}
        }
    }
}

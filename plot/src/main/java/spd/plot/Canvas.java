package spd.plot;

import java.awt.Color;
import java.util.List;

/** The drawing operations charts need, in pixel coordinates with y pointing down; one for SVG, one for Java2D. */
interface Canvas {
    /** How text sits on its anchor point. */
    enum Anchor {
        START,
        MIDDLE,
        END
    }

    void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed);

    void polyline(List<double[]> points, Color color, double width, boolean dashed);

    /** Text with its baseline at y; rotated by -90 degrees (reading upwards) when vertical. */
    void text(double x, double y, String text, int size, Anchor anchor, boolean vertical, boolean bold);

    /** A rectangle, filled when {@code fill} is not null. */
    void rectangle(double x, double y, double width, double height, Color stroke, Color fill);

    /** A marker centred at (x, y), filled at the given opacity. */
    void marker(Style.Marker marker, double x, double y, Color fill, double opacity);

    /** Draws a series' points with markers; default: one at a time. */
    default void markers(Style.Marker marker, List<double[]> points, Color fill, double opacity) {
        for (double[] p : points) {
            marker(marker, p[0], p[1], fill, opacity);
        }
    }
}

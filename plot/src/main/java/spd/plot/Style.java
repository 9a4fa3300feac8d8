package spd.plot;

/**
 * How a series is drawn.
 *
 * @param line the line through the points, or none (a scatter)
 * @param marker the mark at each point, or none
 * @param colour an index into the palette, or -1 for the series' position in its chart
 * @param opacity of the markers' fill, in (0, 1]
 * @param width of the line in pixels
 * @param listed whether the series has an entry in the legend
 */
public record Style(Line line, Marker marker, int colour, double opacity, double width, boolean listed) {
    /** The line through a series' points. */
    public enum Line {
        SOLID,
        DASHED,
        NONE
    }

    /** The mark drawn at each point. */
    public enum Marker {
        NONE,
        CIRCLE,
        DIAMOND
    }

    /** The colour given by the series' position in its chart. */
    public static final int AUTO = -1;

    public Style {
        if (!(opacity > 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be in (0, 1], got " + opacity);
        }
        if (!(width > 0)) {
            throw new IllegalArgumentException("line width must be positive, got " + width);
        }
    }

    /** A solid line of width 2 in the series' own colour, listed in the legend. */
    static Style solid() {
        return new Style(Line.SOLID, Marker.NONE, AUTO, 1, 2, true);
    }
}

package spd.plot;

import java.util.List;

/**
 * One chart: a title, two axes, its series (drawn in order, so later ones on top) and where the legend goes.
 *
 * @param legend {@link Legend#INSIDE} puts it in the corner of the plot that hides the fewest points
 */
public record Chart(String title, Axis x, Axis y, List<Series> series, Legend legend) {
    /** Where a chart's legend goes. */
    public enum Legend {
        NONE,
        INSIDE,
        BELOW
    }

    public Chart {
        series = List.copyOf(series);
    }

    /** A chart with its legend inside the plot area. */
    public static Chart of(String title, Axis x, Axis y, List<Series> series) {
        return new Chart(title, x, y, series, Legend.INSIDE);
    }

    public Chart withLegend(Legend where) {
        return new Chart(title, x, y, series, where);
    }
}

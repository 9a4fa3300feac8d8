package spd.plot;

/**
 * What an axis shows. Its range comes from the drawable data, then is adjusted: it starts at {@code from} when that
 * is given, includes 0 when asked, and ends at {@code cap} at most (points beyond are drawn at the cap).
 *
 * @param title the axis title
 * @param log logarithmic (decades) rather than linear; non-positive values are left out
 * @param from where the axis starts, or NaN for the data's minimum
 * @param cap the largest value shown, or +inf
 * @param withZero whether the range is extended to include 0 (linear axes)
 * @param integers whether ticks fall on whole numbers only (epochs, counts)
 * @param percent whether tick labels show fractions as percentages
 */
public record Axis(
        String title, boolean log, double from, double cap, boolean withZero, boolean integers, boolean percent) {
    /** A linear axis fitted to the data. */
    public static Axis linear(String title) {
        return new Axis(title, false, Double.NaN, Double.POSITIVE_INFINITY, false, false, false);
    }

    /** A logarithmic axis fitted to the data's positive values. */
    public static Axis logarithmic(String title) {
        return new Axis(title, true, Double.NaN, Double.POSITIVE_INFINITY, false, false, false);
    }

    /** Logarithmic or linear, as {@code log} says. */
    public static Axis of(String title, boolean log) {
        return log ? logarithmic(title) : linear(title);
    }

    /** The axis starting at {@code value}. */
    public Axis from(double value) {
        return new Axis(title, log, value, cap, withZero, integers, percent);
    }

    /** The axis ending at {@code value} at most; +inf for no cap. */
    public Axis cappedAt(double value) {
        return new Axis(title, log, from, value, withZero, integers, percent);
    }

    /** The axis extended to include 0. */
    public Axis includingZero() {
        return new Axis(title, log, from, cap, true, integers, percent);
    }

    /** Ticks on whole numbers only. */
    public Axis wholeNumbers() {
        return new Axis(title, log, from, cap, withZero, true, percent);
    }

    /** Tick labels as percentages (0.25 is 25%). */
    public Axis asPercent() {
        return new Axis(title, log, from, cap, withZero, integers, true);
    }
}

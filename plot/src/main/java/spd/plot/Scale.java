package spd.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * An axis as drawn: its ends, its ticks with their labels, and the map from values to [0, 1]. Built from the range
 * of the drawable data in a bounded number of steps: at most {@value #MOST_TICKS} ticks, computed by index (never
 * by repeated addition, which stalls when the step is below a value's precision).
 */
record Scale(double lo, double hi, boolean log, double[] ticks, String[] labels) {
    private static final int MOST_TICKS = 12;
    /** Decades labelled on a logarithmic axis before labels are thinned to every k-th decade. */
    private static final int MOST_DECADES = 8;

    /** The scale of {@code axis} for data in [dataLo, dataHi] (both NaN when there is nothing to draw). */
    static Scale of(Axis axis, double dataLo, double dataHi) {
        double lo = dataLo;
        double hi = dataHi;
        if (!(lo <= hi)) {
            lo = axis.log() ? 1 : 0;
            hi = axis.log() ? 10 : 1;
        }
        if (Double.isFinite(axis.from()) && (!axis.log() || axis.from() > 0)) {
            lo = axis.from();
            hi = Math.max(hi, lo);
        }
        if (axis.withZero() && !axis.log()) {
            lo = Math.min(lo, 0);
            hi = Math.max(hi, 0);
        }
        boolean capped = axis.cap() < hi && axis.cap() > lo;
        if (capped) {
            hi = axis.cap();
        }
        Scale scale = axis.log() ? logarithmic(lo, hi) : linear(lo, hi, axis.integers(), axis.percent());
        return capped ? scale.endingAt(hi) : scale;
    }

    /** The scale ending exactly at {@code end} (a cap), its ticks beyond it dropped. */
    private Scale endingAt(double end) {
        int kept = 0;
        while (kept < ticks.length && ticks[kept] <= end * (1 + 1e-12)) {
            kept++;
        }
        return new Scale(lo, end, log, java.util.Arrays.copyOf(ticks, kept), java.util.Arrays.copyOf(labels, kept));
    }

    /** Where {@code v} falls, 0 at the low end and 1 at the high end (outside [0, 1] beyond them). */
    double fraction(double v) {
        return log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
    }

    /** Whether {@code v} can be placed on this axis at all. */
    boolean accepts(double v) {
        return ChartGuard.isDrawable(v) && (!log || v > 0);
    }

    private static Scale linear(double lo, double hi, boolean integers, boolean percent) {
        double largest = Math.max(Math.abs(lo), Math.abs(hi));
        if (!(hi - lo > largest * 1e-12)) { // a flat line: give it room
            double pad = largest == 0 ? 1 : largest * 0.1;
            hi += pad;
            lo = lo == 0 ? 0 : lo - pad;
        }
        double step = niceStep((hi - lo) / 5, integers);
        double first = Math.floor(lo / step);
        double last = Math.ceil(hi / step);
        if (!(last - first < MOST_TICKS) || last == first) { // cannot happen with a finite range; stay bounded anyway
            return new Scale(lo, hi, false, new double[] {lo, hi}, new String[] {
                TickLabels.linear(lo, hi - lo, false, percent), TickLabels.linear(hi, hi - lo, false, percent)
            });
        }
        int count = (int) (last - first) + 1;
        double[] ticks = new double[count];
        for (int i = 0; i < count; i++) {
            ticks[i] = (first + i) * step;
        }
        boolean plain =
                TickLabels.plain(Math.max(Math.abs(ticks[0]), Math.abs(ticks[count - 1])) * (percent ? 100 : 1));
        String[] labels = new String[count];
        for (int i = 0; i < count; i++) {
            labels[i] = TickLabels.linear(ticks[i], step, plain, percent);
        }
        return new Scale(ticks[0], ticks[count - 1], false, ticks, labels);
    }

    /** 1, 2 or 5 times a power of ten (whole numbers only when asked), at least {@code raw}. */
    private static double niceStep(double raw, boolean integers) {
        double magnitude = Math.pow(10, TickLabels.exponent(raw));
        double f = raw / magnitude;
        double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
        return integers ? Math.max(1, Math.rint(step)) : step;
    }

    private static Scale logarithmic(double lo, double hi) {
        // 10^-323 is the smallest power of ten a double holds; drawable values are at most 1e300.
        int low = Math.max(-323, TickLabels.exponent(lo));
        int high = Math.max(low + 1, TickLabels.exponent(hi) + (hi > Math.pow(10, TickLabels.exponent(hi)) ? 1 : 0));
        int decades = high - low;
        int stride = (decades + MOST_DECADES - 1) / MOST_DECADES;
        high = low + ((decades + stride - 1) / stride) * stride;
        List<Double> ticks = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int e = low; e <= high; e += stride) {
            ticks.add(Math.pow(10, e));
            labels.add(TickLabels.decade(1, e));
            if (decades <= 2 && e < high) {
                for (int m : new int[] {2, 5}) {
                    ticks.add(m * Math.pow(10, e));
                    labels.add(TickLabels.decade(m, e));
                }
            }
        }
        double[] values = ticks.stream().mapToDouble(Double::doubleValue).toArray();
        return new Scale(Math.pow(10, low), Math.pow(10, high), true, values, labels.toArray(String[]::new));
    }
}

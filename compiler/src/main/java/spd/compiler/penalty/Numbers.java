package spd.compiler.penalty;

import java.util.Locale;

/** Number formatting for reports: short and exact-looking, never locale-dependent. */
public final class Numbers {
    private Numbers() {}

    /** Seven significant digits without trailing zeros: 0.5, 1e-6, 2.722652. */
    public static String format(double v) {
        return significant(v, 7);
    }

    /** Ten significant digits, for values compared in check tables. */
    public static String precise(double v) {
        return significant(v, 10);
    }

    /** Two significant digits in scientific notation, for errors and differences. */
    public static String scientific(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.1e", v)
                .replace("e-0", "e-")
                .replace("e+0", "e")
                .replace("e+", "e");
    }

    public static String percent(double fraction) {
        return significant(100 * fraction, 2) + "%";
    }

    private static String significant(double v, int digits) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%." + digits + "g", v);
        if (s.contains("e")) {
            String[] parts = s.split("e");
            return trimZeros(parts[0]) + "e" + Integer.parseInt(parts[1]);
        }
        return trimZeros(s);
    }

    private static String trimZeros(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}

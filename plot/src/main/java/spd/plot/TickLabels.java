package spd.plot;

import java.util.Locale;

/**
 * Tick labels: plain decimals with as many digits as the tick step needs while the axis's largest magnitude lies in
 * [1e-3, 1e6) (or is 0), scientific notation (1.5e36) beyond; percentages when asked; decades as 0.01, 1, 1000 or
 * 1e-7. Locale-independent.
 */
final class TickLabels {
    private static final double PLAIN_SMALLEST = 1e-3;
    private static final double PLAIN_LARGEST = 1e6;
    /** Beyond this many digits a label says nothing more (doubles carry about 16). */
    private static final int MOST_DIGITS = 15;

    private TickLabels() {}

    /** Whether an axis whose largest tick magnitude is {@code largest} gets plain labels. */
    static boolean plain(double largest) {
        return largest == 0 || (largest >= PLAIN_SMALLEST && largest < PLAIN_LARGEST);
    }

    /** The label of a linear tick at {@code value}, ticks being {@code step} apart. */
    static String linear(double value, double step, boolean plain, boolean percent) {
        if (percent) {
            return linear(100 * value, 100 * step, plain, false) + "%";
        }
        if (value == 0 || Math.abs(value) < step * 1e-9) {
            return "0";
        }
        int stepExponent = exponent(step);
        if (plain) {
            int decimals = Math.min(MOST_DIGITS, Math.max(0, -stepExponent));
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }
        int valueExponent = exponent(value);
        int digits = Math.min(MOST_DIGITS, Math.max(0, valueExponent - stepExponent));
        return scientific(value / Math.pow(10, valueExponent), digits, valueExponent);
    }

    /** The label of a logarithmic tick {@code mantissa}·10^{@code exponent}, mantissa 1, 2 or 5. */
    static String decade(int mantissa, int exponent) {
        if (exponent >= -3 && exponent <= 5) {
            return exponent >= 0
                    ? Long.toString(mantissa * (long) Math.pow(10, exponent))
                    : String.format(Locale.ROOT, "%." + -exponent + "f", mantissa * Math.pow(10, exponent));
        }
        return mantissa + "e" + exponent;
    }

    private static String scientific(double mantissa, int digits, int exponent) {
        String m = String.format(Locale.ROOT, "%." + digits + "f", mantissa);
        if (m.startsWith("10") || m.startsWith("-10")) { // rounding carried into the next power of ten
            return scientific(mantissa / 10, digits, exponent + 1);
        }
        return m + "e" + exponent;
    }

    /** floor(log10 |v|), exact at powers of ten. */
    static int exponent(double v) {
        int e = (int) Math.floor(Math.log10(Math.abs(v)));
        if (Math.abs(v) >= Math.pow(10, e + 1)) {
            e++;
        } else if (Math.abs(v) < Math.pow(10, e)) {
            e--;
        }
        return e;
    }
}

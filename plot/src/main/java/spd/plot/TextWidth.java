package spd.plot;

/**
 * The width of a label estimated from per-character advances of DejaVu Sans (the SVG's first font), so that layout
 * depends on the text alone: the SVG stays deterministic and the PNG has the same layout.
 */
final class TextWidth {
    private TextWidth() {}

    /** The estimated width in pixels of {@code text} at font size {@code size}. */
    static double of(String text, int size) {
        double ems = 0;
        for (int i = 0; i < text.length(); i++) {
            ems += advance(text.charAt(i));
        }
        return ems * size;
    }

    private static double advance(char c) {
        if (Character.isDigit(c)) {
            return 0.636;
        }
        if ("iljtf.,:;'|!()[] ".indexOf(c) >= 0) {
            return 0.33;
        }
        if ("mwMW".indexOf(c) >= 0) {
            return 0.95;
        }
        return Character.isUpperCase(c) ? 0.7 : 0.6;
    }
}

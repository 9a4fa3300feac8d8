package spd.compiler.codegen;

import java.math.BigDecimal;
import java.util.Optional;
import spd.compiler.model.Fractions;
import spd.compiler.sym.Rational;

/**
 * Java literals for numbers and strings, and text that may stand in a Java comment. Everything a {@code .spd} file
 * says reaches generated source only through here, so nothing in it can end a comment or a string, or smuggle in a
 * backslash-u escape (javac decodes those before it even splits the source into comments and code).
 */
final class Literals {
    private static final long MAX_INT = Integer.MAX_VALUE;

    private Literals() {}

    /** A double literal, as short as it can be while exact for the double it stands for. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "Double.NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        if (value == Math.rint(value) && Math.abs(value) <= MAX_INT) {
            return Long.toString((long) value);
        }
        Optional<Rational> fraction = Fractions.simplest(value).filter(Fractions::isRepeating);
        if (fraction.isPresent() && fraction.get().denominator().bitLength() <= 10) {
            return fraction.get().numerator() + ".0 / " + fraction.get().denominator() + ".0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String plain = shortest.toPlainString();
        String scientific = shortest.unscaledValue() + "e" + (-shortest.scale());
        if (shortest.precision() > 1) {
            String digits = shortest.unscaledValue().abs().toString();
            int exponent = shortest.precision() - shortest.scale() - 1;
            scientific = (value < 0 ? "-" : "") + digits.charAt(0) + "." + digits.substring(1) + "e" + exponent;
        }
        String shorter = plain.length() <= scientific.length() ? plain : scientific;
        // A whole number past int range written without '.' or 'e' would be an int literal javac rejects.
        return shorter.matches("-?[0-9]+") ? shorter + ".0" : shorter;
    }

    /**
     * The literal a {@code double} constant is initialised with: the number as the {@code .spd} file wrote it when that is
     * also a Java literal of the same value, else {@link #number}. Not kept: fractions ({@code 2/3}), whole numbers past
     * int range ({@code 3000000000} is no int), and whole numbers with a leading zero (Java reads {@code 010} as octal 8).
     */
    static String constant(Optional<String> written, double value) {
        return written.filter(literal -> isJavaDouble(literal, value)).orElseGet(() -> number(value));
    }

    /** Whether an spd number literal is also a Java literal of the double {@code value}. */
    static boolean isJavaDouble(String literal, double value) {
        if (!Double.isFinite(value) || literal.length() > 40) {
            return false;
        }
        if (literal.matches("[0-9]+")) {
            return (literal.length() == 1 || literal.charAt(0) != '0') && literal.length() <= 10 && value <= MAX_INT;
        }
        boolean decimal = literal.matches("[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?|\\.[0-9]+([eE][-+]?[0-9]+)?");
        return decimal && Double.parseDouble(literal) == value && (value != 0 || literal.matches("[0.eE+-]*"));
    }

    static String integer(long value) {
        return Long.toString(value);
    }

    /**
     * A Java string literal of {@code value}: quotes and backslashes escaped, control characters as octal escapes, and
     * every character past ASCII as a {@code \}{@code uXXXX} escape (none of which can decode to a quote, a backslash
     * or a line break), so the source stays ASCII.
     */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\%03o", (int) c));
                    } else if (c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * Text that may stand on one line of any Java comment and says what it said: every backslash doubled (so no
     * {@code \}{@code u} escape can form; javac would decode it before seeing the comment), control characters, line
     * and paragraph separators and unpaired surrogates shown as {@code \x..}, and {@code *}{@code /} broken apart so
     * it cannot close a block comment.
     */
    static String comment(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20
                    || (c >= 0x7f && c <= 0x9f)
                    || c == 0x2028
                    || c == 0x2029
                    || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
                out.append(c <= 0xff ? String.format("\\x%02x", c) : String.format("\\x{%04x}", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        String safe = out.toString();
        while (safe.contains("*/")) {
            safe = safe.replace("*/", "* /");
        }
        return safe;
    }

    /** {@link #comment} for a Javadoc line: also no {@code @}, which javac would read as a block tag. */
    static String javadoc(String text) {
        return comment(text).replace("@", "&#64;");
    }
}

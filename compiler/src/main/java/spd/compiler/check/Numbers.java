package spd.compiler.check;

import java.math.BigDecimal;
import java.util.Optional;

/** Reads number literals exactly, refusing those no double can hold (spd computes in double in the end). */
public final class Numbers {
    /** Beyond this decimal exponent a literal cannot be a double (whose range ends near 1.8e308). */
    private static final int MAX_EXPONENT = 308;

    private static final int MIN_EXPONENT = -307;

    private Numbers() {}

    /** The literal's exact value, or empty when it is out of the range of a double (or too long to be sane). */
    public static Optional<BigDecimal> parse(String text) {
        if (text.length() > 400) {
            return Optional.empty();
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
        if (value.signum() == 0) {
            return Optional.of(BigDecimal.ZERO);
        }
        int exponent = value.precision() - value.scale() - 1;
        if (exponent > MAX_EXPONENT || exponent < MIN_EXPONENT || Double.isInfinite(value.doubleValue())) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** Whether a value is a whole number. */
    public static boolean isInteger(double value) {
        return Double.isFinite(value) && value == Math.rint(value);
    }
}

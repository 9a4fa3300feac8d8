package spd.compiler.codegen;

import java.math.BigDecimal;
import java.util.Optional;
import spd.compiler.model.Fractions;
import spd.compiler.sym.Rational;

/** Java literals for numbers, as short as they can be while exact for the double they stand for. */
final class Literals {
  private Literals() {}

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "Double.NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
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
    return plain.length() <= scientific.length() ? plain : scientific;
  }

  /** Whether an spd number literal is also a Java double literal of the same value (2/3 is not: no fractions). */
  static boolean isJavaDouble(String literal) {
    return literal.matches("[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?|\\.[0-9]+([eE][-+]?[0-9]+)?");
  }

  static String integer(long value) {
    return Long.toString(value);
  }

  static String string(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

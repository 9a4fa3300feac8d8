package spd.compiler.report;

import spd.compiler.numeric.Estimate;
import spd.compiler.penalty.Derivation;
import spd.compiler.penalty.Numbers;
import spd.compiler.penalty.PenaltyFunctions;

/** The values the command line's {@code --at} option prints: Omega, eta_hat, keep probability and f at given points. */
public final class AtTable {
  private AtTable() {}

  /**
   * A plain-text table: for each x, Omega(x), eta_hat(x) and the keep probability at the file's lambda (x a weight
   * magnitude), and f(x) (x a value of eta).
   */
  public static String text(Derivation d, double[] at) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%-12s %-16s %-12s %-14s %-12s %-16s%n", "x", "Omega(w=x)", "+-", "eta_hat(w=x)",
        "keep(w=x)", "f(eta=x)"));
    PenaltyFunctions f = d.functions();
    for (double x : at) {
      Estimate omega = omega(f, x);
      Estimate dual = dual(f, x);
      out.append(String.format("%-12s %-16s %-12s %-14s %-12s %-16s%n", Numbers.format(x),
          Numbers.precise(omega.value()), Numbers.scientific(omega.error()), Numbers.format(value(() -> f.etaHat(x))),
          Numbers.format(value(() -> f.keep(x))), Numbers.precise(dual.value())));
    }
    return out.toString();
  }

  /** Omega at a point the user asked for; NaN (printed as such) where it cannot be evaluated. */
  static Estimate omega(PenaltyFunctions f, double w) {
    try {
      return f.omega(w);
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Estimate.exact(Double.NaN);
    }
  }

  /**
   * f(eta) at a point the user asked for: 0 at eta = 0 (f is normalised by f(0+) = 0, and the numeric duals are only
   * defined for eta > 0), NaN for a negative eta, which no rule has.
   */
  static Estimate dual(PenaltyFunctions f, double eta) {
    if (!(eta > 0)) {
      return Estimate.exact(eta == 0 ? 0 : Double.NaN);
    }
    try {
      return f.dual(eta);
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Estimate.exact(Double.NaN);
    }
  }

  /** A value at a point the user asked for; NaN where it cannot be evaluated. */
  static double value(java.util.function.DoubleSupplier value) {
    try {
      return value.getAsDouble();
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Double.NaN;
    }
  }
}

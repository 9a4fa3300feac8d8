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
      Estimate omega = f.omega(x);
      Estimate dual = f.dual(x);
      out.append(String.format("%-12s %-16s %-12s %-14s %-12s %-16s%n", Numbers.format(x),
          Numbers.precise(omega.value()), Numbers.scientific(omega.error()), Numbers.format(f.etaHat(x)),
          Numbers.format(f.keep(x)), Numbers.precise(dual.value())));
    }
    return out.toString();
  }
}

package spd.compiler.report;

import spd.compiler.numeric.Estimate;
import spd.compiler.penalty.Derivation;
import spd.compiler.penalty.Numbers;
import spd.compiler.penalty.Penalty;
import spd.compiler.penalty.PenaltyFunctions;

/** The values the command line's {@code --at} option prints: Omega, eta_hat, keep probability and f at given points. */
public final class AtTable {
  private AtTable() {}

  /**
   * A plain-text table: for each x, Omega(x), eta_hat(x) and the keep probability at the file's lambda (x a weight
   * magnitude), and f(x) (x a value of eta).
   */
  public static String text(Derivation d, double[] at) {
    if (d.penalty() instanceof Penalty.NotSeparable) {
      return "no values at given points: a constraint on the whole layer has no per-weight Omega, eta_hat or dual"
          + System.lineSeparator();
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format("%-12s %-16s %-12s %-14s %-12s %-16s%n", "x", "Omega(w=x)", "+-", "eta_hat(w=x)",
        "keep(w=x)", "f(eta=x)"));
    PenaltyFunctions f = d.functions();
    java.util.List<String> why = new java.util.ArrayList<>();
    for (double x : at) {
      Estimate omega = f.omega(x);
      Estimate dual = f.dual(x);
      double eta = f.etaHat(x);
      out.append(String.format("%-12s %-16s %-12s %-14s %-12s %-16s%n", Numbers.format(x),
          shown(omega, "Omega(" + Numbers.format(x) + ")", why), Numbers.scientific(omega.error()),
          Double.isNaN(eta) ? unavailable("eta_hat(" + Numbers.format(x) + "): " + etaUnavailable(d), why)
              : Numbers.format(eta),
          Double.isNaN(eta) ? "n/a" : Numbers.format(f.keep(x)), shown(dual, "f(" + Numbers.format(x) + ")", why)));
    }
    why.forEach(line -> out.append(line).append(System.lineSeparator()));
    return out.toString();
  }

  /** Why eta_hat has no value. */
  static String etaUnavailable(Derivation d) {
    return d.penalty() instanceof Penalty.NotSeparable ? "a constraint on the whole layer has no per-weight eta_hat"
        : "eta_hat cannot be evaluated there";
  }

  /** The value, or "n/a [k]" with footnote k saying why it could not be computed. */
  private static String shown(Estimate e, String what, java.util.List<String> why) {
    if (!Double.isNaN(e.value())) {
      return Numbers.precise(e.value());
    }
    return unavailable(what + ": " + (e.message().isEmpty() ? "not computable" : e.message()), why);
  }

  private static String unavailable(String reason, java.util.List<String> why) {
    why.add("[" + (why.size() + 1) + "] " + reason);
    return "n/a [" + why.size() + "]";
  }
}

package spd.compiler.penalty;

import java.util.Objects;
import java.util.Optional;
import spd.compiler.sym.Expr;
import spd.compiler.sym.LatexPrinter;
import spd.compiler.sym.TextPrinter;

/**
 * One step of a derivation, naming the rule it applied: {@code [log-rule] Omega(w) = log(t + eps) - log(eps)}.
 *
 * @param rule the rule's short name, shown in brackets
 * @param lhsText the left-hand side in plain text, e.g. {@code Omega(w)}; empty to continue the previous line ("= ...")
 * @param lhsLatex the left-hand side in LaTeX, e.g. {@code \Omega(w)}
 * @param rhsText the right-hand side in plain text (empty for a remark)
 * @param rhsLatex the right-hand side in LaTeX
 * @param value the right-hand side as an expression, when it is one
 * @param note a short justification ("scaled Bernoulli, E m = 1"), possibly empty
 */
public record Step(String rule, String lhsText, String lhsLatex, String rhsText, String rhsLatex, Optional<Expr> value,
    String note) {

  public Step {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(lhsText, "lhsText");
    Objects.requireNonNull(lhsLatex, "lhsLatex");
    Objects.requireNonNull(rhsText, "rhsText");
    Objects.requireNonNull(rhsLatex, "rhsLatex");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(note, "note");
  }

  public static Step of(String rule, String lhsText, String lhsLatex, Expr value, String note) {
    return new Step(rule, lhsText, lhsLatex, TextPrinter.print(value), LatexPrinter.print(value), Optional.of(value),
        note);
  }

  /** A step continuing the previous one's left-hand side ("= ..."). */
  public static Step then(String rule, Expr value, String note) {
    return of(rule, "", "", value, note);
  }

  /** lhs = int_0^|w| integrand dt, the integrand in t. */
  public static Step integral(String rule, String lhsText, String lhsLatex, Expr integrand, String note) {
    return integral(rule, lhsText, lhsLatex, TextPrinter.print(integrand), LatexPrinter.print(integrand), integrand,
        note);
  }

  /** lhs = int_0^|w| integrand dt, with the integrand shown as given (e.g. before cancellation). */
  public static Step integral(String rule, String lhsText, String lhsLatex, String integrandText,
      String integrandLatex, Expr integrand, String note) {
    return new Step(rule, lhsText, lhsLatex, "int_0^|w| " + integrandText + " dt",
        "\\int_0^{|w|} " + integrandLatex + "\\,dt", Optional.of(integrand), note);
  }

  /** A step that states a fact in words. */
  public static Step remark(String rule, String note) {
    return new Step(rule, "", "", "", "", Optional.empty(), note);
  }

  /** A step with a formula given as text (for statements that are not expressions, such as an argmin). */
  public static Step formula(String rule, String lhsText, String lhsLatex, String rhsText, String rhsLatex,
      String note) {
    return new Step(rule, lhsText, lhsLatex, rhsText, rhsLatex, Optional.empty(), note);
  }
}

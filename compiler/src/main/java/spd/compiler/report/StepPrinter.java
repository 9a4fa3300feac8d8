package spd.compiler.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import spd.compiler.penalty.Formula;
import spd.compiler.penalty.Quantity;
import spd.compiler.penalty.StandardFormula;
import spd.compiler.penalty.Step;
import spd.compiler.sym.LatexPrinter;
import spd.compiler.sym.TextPrinter;

/**
 * The one printer of derivation steps: every step, quantity and formula as plain text, as LaTeX and as JSON. Reports
 * and the JSON output use it, so a step reads the same everywhere.
 */
public final class StepPrinter {
    private StepPrinter() {}

    /** A quantity's name in plain text, e.g. {@code eta_hat(w)}. */
    public static String text(Quantity q) {
        return switch (q) {
            case ETA_RULE -> "eta(w)";
            case ETA_HAT -> "eta_hat(w)";
            case KEEP -> "keep(w)";
            case MASK_VARIANCE -> "Var m";
            case SHRINKAGE_RATIO -> "(1 - keep)/keep";
            case OMEGA -> "Omega(w)";
            case OMEGA_PRIME -> "Omega'(w)";
            case DUAL -> "f(eta)";
            case DUAL_PRIME -> "f'(eta)";
            case W_HAT -> "w_hat(eta)";
            case MASK -> "m";
            case GATE -> "z";
            case GATE_ETA -> "eta(a)";
        };
    }

    /** A quantity's name in LaTeX, e.g. {@code \hat\eta(w)}. */
    public static String latex(Quantity q) {
        return switch (q) {
            case ETA_RULE -> "\\eta(w)";
            case ETA_HAT -> "\\hat\\eta(w)";
            case KEEP -> "\\alpha(w)";
            case MASK_VARIANCE -> "\\operatorname{Var} m";
            case SHRINKAGE_RATIO -> "\\frac{1-\\alpha}{\\alpha}";
            case OMEGA -> "\\Omega(w)";
            case OMEGA_PRIME -> "\\Omega'(w)";
            case DUAL -> "f(\\eta)";
            case DUAL_PRIME -> "f'(\\eta)";
            case W_HAT -> "\\hat w(\\eta)";
            case MASK -> "m";
            case GATE -> "z";
            case GATE_ETA -> "\\eta(a)";
        };
    }

    /** A formula in plain text. */
    public static String text(Formula f) {
        return switch (f) {
            case Formula.Expression e -> TextPrinter.print(e.value());
            case Formula.Quotient q ->
                TextPrinter.print(q.numerator()) + "/" + parenthesized(TextPrinter.print(q.denominator()));
            case Formula.Integral i -> "int_0^|w| " + text(i.integrand()) + " dt";
            case Formula.Standard s -> text(s.which());
        };
    }

    /** A formula in LaTeX. */
    public static String latex(Formula f) {
        return switch (f) {
            case Formula.Expression e -> LatexPrinter.print(e.value());
            case Formula.Quotient q ->
                "\\frac{" + LatexPrinter.print(q.numerator()) + "}{" + LatexPrinter.print(q.denominator()) + "}";
            case Formula.Integral i -> "\\int_0^{|w|} " + latex(i.integrand()) + "\\,dt";
            case Formula.Standard s -> latex(s.which());
        };
    }

    private static String text(StandardFormula f) {
        return switch (f) {
            case ETA_TRICK -> "(1/2) [w^2/eta_hat(w) + f(eta_hat(w))]";
            case STATIONARITY -> "eta*sqrt(f'(eta))";
            case VARIATIONAL_MASK -> "N(1, alpha), alpha = lambda/(s*eta)";
            case EXACT_KL_DUAL_DERIVATIVE -> "dawson(sqrt(eta/2))/sqrt(eta/2)";
            case HARD_CONCRETE_GATE ->
                "clip(sigmoid((log u - log(1 - u) + log a)/beta)*(zeta - gamma) + gamma, 0, 1)," + " u ~ U(0, 1)";
            case GATE_VARIANCE -> "lambda/V(a), V(a) = E[z^2]/E[z]^2 - 1";
            case GATE_COST -> "P(z != 0) = sigmoid(log a - beta*log(-gamma/zeta))";
            case GATE_ETA_TRICK -> "(1/2) inf_a [w^2 V(a)/lambda + P(z != 0)]";
        };
    }

    private static String latex(StandardFormula f) {
        return switch (f) {
            case ETA_TRICK -> "\\tfrac12\\left[\\frac{w^2}{\\hat\\eta(w)} + f(\\hat\\eta(w))\\right]";
            case STATIONARITY -> "\\eta\\sqrt{f'(\\eta)}";
            case VARIATIONAL_MASK -> "\\mathcal N(1, \\alpha),\\ \\alpha = \\frac{\\lambda}{s\\,\\eta}";
            case EXACT_KL_DUAL_DERIVATIVE -> "\\frac{D(\\sqrt{\\eta/2})}{\\sqrt{\\eta/2}}";
            case HARD_CONCRETE_GATE ->
                "\\min\\left(1, \\max\\left(0, \\sigma\\left(\\tfrac{\\log u - \\log(1-u) + \\log a}"
                        + "{\\beta}\\right)(\\zeta - \\gamma) + \\gamma\\right)\\right)";
            case GATE_VARIANCE -> "\\lambda / V(a),\\ V(a) = \\frac{E[z^2]}{E[z]^2} - 1";
            case GATE_COST -> "P(z \\ne 0) = \\sigma\\left(\\log a - \\beta \\log\\tfrac{-\\gamma}{\\zeta}\\right)";
            case GATE_ETA_TRICK -> "\\tfrac12 \\inf_a \\left[\\frac{w^2 V(a)}{\\lambda} + P(z \\ne 0)\\right]";
        };
    }

    /** The left-hand side in plain text, empty for a continuation or a remark. */
    public static String lhsText(Step s) {
        return s.defines().map(StepPrinter::text).orElse("");
    }

    /** The right-hand side in plain text, empty for a remark. */
    public static String rhsText(Step s) {
        return s.value().map(StepPrinter::text).orElse("");
    }

    /** The left-hand side in LaTeX, empty for a continuation or a remark. */
    public static String lhsLatex(Step s) {
        return s.defines().map(StepPrinter::latex).orElse("");
    }

    /** The right-hand side in LaTeX, empty for a remark. */
    public static String rhsLatex(Step s) {
        return s.value().map(StepPrinter::latex).orElse("");
    }

    /** The step's formula in plain text ({@code lhs = rhs}, {@code     = rhs} continuing), or its note for a remark. */
    public static String textLine(Step s) {
        if (s.value().isEmpty()) {
            return s.note();
        }
        return (s.defines().isEmpty() ? "    = " : lhsText(s) + " = ") + rhsText(s);
    }

    /** The step's equation in LaTeX ({@code lhs = rhs} or {@code = rhs}), empty for a remark. */
    public static String latexEquation(Step s) {
        if (s.value().isEmpty()) {
            return "";
        }
        return (s.defines().isEmpty() ? "" : lhsLatex(s) + " ") + "= " + rhsLatex(s);
    }

    /** The step as a JSON object: its stage, rule, both sides in text, the equation in LaTeX, and its note. */
    public static void json(Step s, String stage, ObjectNode node) {
        node.put("stage", stage);
        node.put("rule", s.rule());
        node.put("lhs", lhsText(s));
        node.put("rhs", rhsText(s));
        node.put("latex", (lhsLatex(s).isEmpty() ? "" : lhsLatex(s) + " = ") + rhsLatex(s));
        node.put("note", s.note());
    }

    private static String parenthesized(String s) {
        return s.matches("[A-Za-z0-9_.^]+") ? s : "(" + s + ")";
    }
}

package spd.compiler.sym;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints expressions as LaTeX math (without the surrounding dollars), e.g. {@code \log\left(1 + \frac{|w|}{\varepsilon}\right)}. */
public final class LatexPrinter {
    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int POWER = 3;

    private static final Map<String, String> GREEK = Map.ofEntries(
            Map.entry("alpha", "\\alpha"),
            Map.entry("beta", "\\beta"),
            Map.entry("gamma", "\\gamma"),
            Map.entry("delta", "\\delta"),
            Map.entry("eps", "\\varepsilon"),
            Map.entry("epsilon", "\\varepsilon"),
            Map.entry("zeta", "\\zeta"),
            Map.entry("eta", "\\eta"),
            Map.entry("theta", "\\theta"),
            Map.entry("kappa", "\\kappa"),
            Map.entry("lambda", "\\lambda"),
            Map.entry("mu", "\\mu"),
            Map.entry("nu", "\\nu"),
            Map.entry("xi", "\\xi"),
            Map.entry("pi", "\\pi"),
            Map.entry("rho", "\\rho"),
            Map.entry("sigma", "\\sigma"),
            Map.entry("tau", "\\tau"),
            Map.entry("phi", "\\phi"),
            Map.entry("chi", "\\chi"),
            Map.entry("psi", "\\psi"),
            Map.entry("omega", "\\omega"),
            Map.entry("Omega", "\\Omega"),
            Map.entry("Gamma", "\\Gamma"),
            Map.entry("Lambda", "\\Lambda"),
            Map.entry("Delta", "\\Delta"));

    private final String mainVariable;

    private LatexPrinter(String mainVariable) {
        this.mainVariable = mainVariable;
    }

    public static String print(Expr e) {
        return new LatexPrinter(Display.mainVariable(e)).latex(e, 0);
    }

    public static String print(Condition c) {
        LatexPrinter printer = new LatexPrinter(Display.mainVariable(Expr.sub(c.left(), c.right())));
        return printer.latex(c.left(), SUM) + " " + c.relation().latex() + " " + printer.latex(c.right(), SUM);
    }

    /** A symbol name in LaTeX: Greek names become letters, a trailing number a subscript (w2 is w_{2}). */
    public static String symbol(String name) {
        String greek = GREEK.get(name);
        if (greek != null) {
            return greek;
        }
        int split = name.length();
        while (split > 1 && Character.isDigit(name.charAt(split - 1))) {
            split--;
        }
        if (name.endsWith("_hat") && name.length() > 4) {
            return "\\hat{" + symbol(name.substring(0, name.length() - 4)) + "}";
        }
        if (name.contains("_")) {
            int underscore = name.indexOf('_');
            String tail = name.substring(underscore + 1);
            return symbol(name.substring(0, underscore)) + "_{"
                    + (GREEK.containsKey(tail) ? GREEK.get(tail) : "\\mathrm{" + escape(tail) + "}") + "}";
        }
        String head = name.substring(0, split);
        String base = GREEK.getOrDefault(head, head.length() == 1 ? head : "\\mathrm{" + escape(head) + "}");
        return split == name.length() ? base : base + "_{" + name.substring(split) + "}";
    }

    private static String escape(String s) {
        return s.replace("_", "\\_");
    }

    private String latex(Expr e, int context) {
        String body = switch (e) {
            case Num n -> number(n.value());
            case Sym s -> symbol(s.name());
            case NamedConstant c -> symbol(c.name());
            case Infinity i -> "\\infty";
            case Sum s -> sum(s);
            case Product p -> product(p);
            case Pow p -> power(p);
            case Abs a -> "\\left|" + latex(a.argument(), 0) + "\\right|";
            case Call c -> call(c);
            case Piecewise p -> piecewise(p);
        };
        return precedence(e) < context ? "\\left(" + body + "\\right)" : body;
    }

    private static int precedence(Expr e) {
        return switch (e) {
            case Num n -> n.value().signum() < 0 ? PRODUCT : POWER + 1;
            case Sum s -> SUM;
            case Product p -> Display.fraction(p).negative() ? PRODUCT : PRODUCT + 1;
            case Pow p -> Display.isNegativeExponent(p.exponent()) ? PRODUCT + 1 : POWER;
            default -> POWER + 1;
        };
    }

    private static String number(Rational r) {
        String sign = r.signum() < 0 ? "-" : "";
        Rational a = r.abs();
        return a.isInteger() ? sign + a : sign + "\\frac{" + a.numerator() + "}{" + a.denominator() + "}";
    }

    private String sum(Sum s) {
        List<Expr> terms = Display.orderedTerms(s, mainVariable);
        StringBuilder out = new StringBuilder(latex(terms.get(0), SUM));
        for (Expr term : terms.subList(1, terms.size())) {
            if (Display.isNegative(term)) {
                out.append(" - ").append(latex(Expr.neg(term), PRODUCT));
            } else {
                out.append(" + ").append(latex(term, PRODUCT));
            }
        }
        return out.toString();
    }

    private String product(Expr p) {
        Display.Fraction f = Display.fraction(p);
        String result;
        if (f.denominator().isEmpty()) {
            result = f.numerator().isEmpty() ? "1" : factors(f.numerator());
        } else {
            // Inside \frac a lone factor needs no parentheses.
            String numerator = f.numerator().isEmpty()
                    ? "1"
                    : f.numerator().size() == 1 ? latex(f.numerator().get(0), 0) : factors(f.numerator());
            String denominator =
                    f.denominator().size() == 1 ? latex(f.denominator().get(0), 0) : factors(f.denominator());
            result = "\\frac{" + numerator + "}{" + denominator + "}";
        }
        return f.negative() ? "-" + result : result;
    }

    private String factors(List<Expr> factors) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < factors.size(); i++) {
            String next = latex(factors.get(i), PRODUCT + 1);
            if (i > 0) {
                // Two numbers side by side need a visible product sign; otherwise a thin space reads best.
                boolean numeric = Character.isDigit(next.charAt(0));
                out.append(numeric ? " \\cdot " : "\\,");
            }
            out.append(next);
        }
        return out.toString();
    }

    private String power(Pow p) {
        if (Display.isNegativeExponent(p.exponent())) {
            return product(p);
        }
        if (p.exponent().equals(Expr.HALF)) {
            return "\\sqrt{" + latex(p.base(), 0) + "}";
        }
        return latex(p.base(), POWER + 1) + "^{" + latex(p.exponent(), 0) + "}";
    }

    private String call(Call c) {
        String args = c.args().stream().map(a -> latex(a, 0)).collect(Collectors.joining(", "));
        if (!(c.function() instanceof Builtin f)) {
            return operatorName(c, args);
        }
        return switch (f) {
            case EXP -> "e^{" + latex(c.arg(), 0) + "}";
            case LOG -> "\\log\\left(" + args + "\\right)";
            case TANH, SINH, COSH, SIN, COS, TAN -> "\\" + c.function().spdName() + "\\left(" + args + "\\right)";
            case MIN, MAX -> "\\" + c.function().spdName() + "\\left(" + args + "\\right)";
            case ATAN -> "\\arctan\\left(" + args + "\\right)";
            case SIGN -> "\\operatorname{sign}\\left(" + args + "\\right)";
            case SIGMOID -> "\\sigma\\left(" + args + "\\right)";
            case DAWSON -> "D\\left(" + args + "\\right)";
            case ERF -> "\\operatorname{erf}\\left(" + args + "\\right)";
            case ERFC -> "\\operatorname{erfc}\\left(" + args + "\\right)";
            default -> operatorName(c, args);
        };
    }

    private static String operatorName(Call c, String args) {
        return "\\operatorname{" + c.function().spdName().replace("_", "\\_") + "}\\left(" + args + "\\right)";
    }

    private String piecewise(Piecewise p) {
        StringBuilder out = new StringBuilder("\\begin{cases} ");
        for (Piece piece : p.pieces()) {
            out.append(latex(piece.value(), 0))
                    .append(" & ")
                    .append(print(piece.when()))
                    .append(" \\\\ ");
        }
        return out.append(latex(p.otherwise(), 0))
                .append(" & \\text{otherwise} \\end{cases}")
                .toString();
    }
}

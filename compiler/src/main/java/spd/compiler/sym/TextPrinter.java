package spd.compiler.sym;

import java.util.List;
import java.util.stream.Collectors;

/** Prints expressions as plain text in spd's own syntax, e.g. {@code log(1 + |w|/eps)}. */
public final class TextPrinter {
    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int POWER = 3;
    private static final int ATOM = 4;

    private final String mainVariable;

    private TextPrinter(String mainVariable) {
        this.mainVariable = mainVariable;
    }

    public static String print(Expr e) {
        return new TextPrinter(Display.mainVariable(e)).text(e, 0);
    }

    public static String print(Condition c) {
        TextPrinter printer = new TextPrinter(Display.mainVariable(Expr.sub(c.left(), c.right())));
        return printer.text(c.left(), SUM) + " " + c.relation().text() + " " + printer.text(c.right(), SUM);
    }

    private String text(Expr e, int context) {
        String body = switch (e) {
            case Num n -> number(n.value());
            case Sym s -> s.name();
            case NamedConstant c -> c.name();
            case Infinity i -> "inf";
            case Sum s -> sum(s);
            case Product p -> product(p);
            case Pow p -> power(p);
            case Abs a -> "|" + text(a.argument(), 0) + "|";
            case Call c ->
                c.function().spdName() + "("
                        + c.args().stream().map(a -> text(a, 0)).collect(Collectors.joining(", ")) + ")";
            case Piecewise p -> piecewise(p);
        };
        return precedence(e) < context ? "(" + body + ")" : body;
    }

    private static int precedence(Expr e) {
        return switch (e) {
            case Num n -> n.value().isInteger() && n.value().signum() >= 0 ? ATOM : PRODUCT;
            case Sum s -> SUM;
            case Product p -> PRODUCT;
            case Pow p ->
                Display.isNegativeExponent(p.exponent())
                        ? PRODUCT
                        : p.exponent().equals(Expr.HALF) ? ATOM : POWER;
            default -> ATOM;
        };
    }

    private static String number(Rational r) {
        return r.toString();
    }

    private String sum(Sum s) {
        List<Expr> terms = Display.orderedTerms(s, mainVariable);
        StringBuilder out = new StringBuilder(text(terms.get(0), SUM));
        for (Expr term : terms.subList(1, terms.size())) {
            if (Display.isNegative(term)) {
                out.append(" - ").append(text(Expr.neg(term), PRODUCT));
            } else {
                out.append(" + ").append(text(term, PRODUCT));
            }
        }
        return out.toString();
    }

    private String product(Expr p) {
        Display.Fraction f = Display.fraction(p);
        String numerator = f.numerator().isEmpty() ? "1" : factors(f.numerator());
        String result = numerator;
        if (!f.denominator().isEmpty()) {
            result += "/"
                    + (f.denominator().size() == 1
                            ? text(f.denominator().get(0), POWER)
                            : "(" + factors(f.denominator()) + ")");
        }
        return f.negative() ? "-" + result : result;
    }

    private String factors(List<Expr> factors) {
        return factors.stream().map(x -> text(x, PRODUCT + 1)).collect(Collectors.joining("*"));
    }

    private String power(Pow p) {
        if (Display.isNegativeExponent(p.exponent())) {
            return product(p);
        }
        if (p.exponent().equals(Expr.HALF)) {
            return "sqrt(" + text(p.base(), 0) + ")";
        }
        String exponent = p.exponent() instanceof Num n && n.value().isInteger()
                ? n.value().toString()
                : text(p.exponent(), ATOM);
        return text(p.base(), POWER + 1) + "^" + exponent;
    }

    private String piecewise(Piecewise p) {
        StringBuilder out = new StringBuilder("piecewise { ");
        for (Piece piece : p.pieces()) {
            out.append(text(piece.value(), 0))
                    .append(" if ")
                    .append(print(piece.when()))
                    .append(", ");
        }
        return out.append(text(p.otherwise(), 0)).append(" otherwise }").toString();
    }
}

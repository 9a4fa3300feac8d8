package spd.compiler.sym;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Layout decisions shared by the printers (text, LaTeX, and codegen's Java): the order terms are shown in and how a
 * product splits into a fraction.
 */
public final class Display {
    private Display() {}

    /** A product shown as a (possibly negated) fraction of factor lists; an empty list means 1. */
    public record Fraction(boolean negative, List<Expr> numerator, List<Expr> denominator) {}

    /** The variable whose powers order the terms of sums: w if present, else t, else eta, else none. */
    public static String mainVariable(Expr e) {
        for (String candidate : List.of("w", "t", "eta", "u", "x")) {
            if (e.dependsOn(candidate)) {
                return candidate;
            }
        }
        return "";
    }

    /**
     * The terms of a sum in reading order: numbers first, then terms in the main variable by ascending degree, then the
     * rest; a leading negative term swaps with the first positive one ("a*lambda - t", not "-t + a*lambda").
     */
    public static List<Expr> orderedTerms(Sum s, String mainVariable) {
        List<Expr> terms = new ArrayList<>(s.terms());
        terms.sort(Comparator.comparingInt((Expr t) -> t instanceof Num ? 0 : t.dependsOn(mainVariable) ? 1 : 2)
                .thenComparingDouble(t -> degree(t, mainVariable)));
        if (isNegative(terms.get(0))) {
            for (int i = 1; i < terms.size(); i++) {
                if (!isNegative(terms.get(i))) {
                    terms.add(0, terms.remove(i));
                    break;
                }
            }
        }
        return terms;
    }

    public static boolean isNegative(Expr term) {
        return term instanceof Num n
                ? n.value().signum() < 0
                : Canon.coefficientOf(term).signum() < 0;
    }

    /** The display degree of a term in x: x, |x| count 1, x^k counts k, any other dependence 1/2. */
    public static double degree(Expr term, String x) {
        return switch (term) {
            case Sym s -> s.name().equals(x) ? 1 : 0;
            case Abs a -> a.argument() instanceof Sym s && s.name().equals(x) ? 1 : term.dependsOn(x) ? 0.5 : 0;
            case Pow p
            when p.exponent() instanceof Num n ->
                degree(p.base(), x) * n.value().toDouble();
            case Product p ->
                p.factors().stream().mapToDouble(f -> degree(f, x)).sum();
            default -> term.dependsOn(x) ? 0.5 : 0;
        };
    }

    /** Splits a product (or a power with negative exponent, or a number) into a fraction for display. */
    public static Fraction fraction(Expr e) {
        List<Expr> numerator = new ArrayList<>();
        List<Expr> denominator = new ArrayList<>();
        boolean negative = false;
        List<Expr> factors = e instanceof Product p ? p.factors() : List.of(e);
        for (Expr factor : factors) {
            if (factor instanceof Num n) {
                Rational r = n.value();
                negative = r.signum() < 0;
                BigInteger top = r.numerator().abs();
                if (!top.equals(BigInteger.ONE)) {
                    numerator.add(new Num(Rational.of(top)));
                }
                if (!r.denominator().equals(BigInteger.ONE)) {
                    denominator.add(new Num(Rational.of(r.denominator())));
                }
            } else if (factor instanceof Pow p && isNegativeExponent(p.exponent())) {
                denominator.add(Expr.pow(p.base(), Expr.neg(p.exponent())));
            } else {
                numerator.add(factor);
            }
        }
        return new Fraction(negative, numerator, denominator);
    }

    public static boolean isNegativeExponent(Expr exponent) {
        return exponent instanceof Num n
                ? n.value().signum() < 0
                : Canon.coefficientOf(exponent).signum() < 0;
    }
}

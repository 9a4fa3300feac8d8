package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import spd.compiler.sym.Builtin;
import spd.compiler.sym.Condition;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Piece;
import spd.compiler.sym.Rational;
import spd.compiler.sym.Relation;

/**
 * Random rule expressions in |w| and two constants a and b, of the kinds people write: sums, products, quotients and
 * powers of |w| and constants, exp, log, sqrt, hyperbolic, logistic, erf and arctan terms, min/max and piecewise.
 * Seeded, so a failure names a reproducible rule.
 */
final class RandomRules {
    private final Random random;
    private final Expr w = Expr.abs(Expr.symbol("w"));
    private final Expr a = Expr.symbol("a");
    private final Expr b = Expr.symbol("b");

    RandomRules(long seed) {
        this.random = new Random(seed);
    }

    /** Values of the constants a and b, as "name", "decimal" pairs for {@link Inputs}. */
    String[] constants() {
        String[] values = {"0.5", "1", "2", "3", "0.25", "4"};
        return new String[] {
            "a", values[random.nextInt(values.length)], "b", values[random.nextInt(values.length)], "lambda", "1"
        };
    }

    /** A random expression in |w| of roughly {@code depth} levels. */
    Expr expression(int depth) {
        if (depth <= 0 || random.nextInt(5) == 0) {
            return leaf();
        }
        return switch (random.nextInt(12)) {
            case 0, 1 -> Expr.add(expression(depth - 1), expression(depth - 1));
            case 2, 3 -> Expr.mul(expression(depth - 1), expression(depth - 1));
            case 4 -> Expr.div(expression(depth - 1), Expr.add(expression(depth - 1), positiveConstant()));
            case 5 -> Expr.pow(Expr.add(expression(depth - 1), positiveConstant()), exponent());
            case 6 -> Expr.call(unary(), Expr.mul(small(), expression(depth - 1)));
            case 7 -> Expr.log(Expr.add(Expr.ONE, expression(depth - 1)));
            case 8 -> Expr.sqrt(Expr.add(expression(depth - 1), positiveConstant()));
            case 9 ->
                Expr.call(
                        random.nextBoolean() ? Builtin.MIN : Builtin.MAX,
                        List.of(expression(depth - 1), expression(depth - 1)));
            case 10 ->
                Expr.piecewise(
                        List.of(new Piece(new Condition(w, Relation.LT, positiveConstant()), expression(depth - 1))),
                        expression(depth - 1));
            default -> Expr.exp(Expr.mul(small(), expression(depth - 1)));
        };
    }

    private Expr leaf() {
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> w;
            case 3 -> Expr.pow(w, exponent());
            case 4 -> positiveConstant();
            default -> Expr.number(1 + random.nextInt(4));
        };
    }

    private Expr positiveConstant() {
        return random.nextBoolean() ? a : b;
    }

    private Expr exponent() {
        Rational[] choices = {
            Rational.of(2), Rational.of(3), Rational.HALF, Rational.of(3, 2), Rational.of(-1), Rational.of(1, 3)
        };
        return Expr.number(choices[random.nextInt(choices.length)]);
    }

    private Expr small() {
        return random.nextBoolean() ? Expr.ONE : Expr.number(Rational.of(1, 1 + random.nextInt(3)));
    }

    private Builtin unary() {
        Builtin[] functions = {
            Builtin.SINH,
            Builtin.COSH,
            Builtin.TANH,
            Builtin.SIGMOID,
            Builtin.SOFTPLUS,
            Builtin.ATAN,
            Builtin.ERF,
            Builtin.EXP
        };
        return functions[random.nextInt(functions.length)];
    }

    /** A list of {@code count} random expressions. */
    List<Expr> expressions(int count, int depth) {
        List<Expr> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(expression(depth));
        }
        return list;
    }
}

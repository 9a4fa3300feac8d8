package spd.compiler.sym;

import java.util.Map;

/** Evaluates expressions in double precision. */
final class Evaluation {
    private Evaluation() {}

    static double evaluate(Expr e, Map<String, Double> values) {
        return switch (e) {
            case Num n -> n.value().toDouble();
            case NamedConstant c -> c.value();
            case Infinity i -> Double.POSITIVE_INFINITY;
            case Sym s -> valueOf(s, values);
            case Sum s -> {
                double total = 0;
                for (Expr term : s.terms()) {
                    total += evaluate(term, values);
                }
                yield total;
            }
            case Product p -> product(p, values);
            case Pow p -> power(evaluate(p.base(), values), p.exponent(), values);
            case Abs a -> Math.abs(evaluate(a.argument(), values));
            case Call c -> call(c, values);
            case Piecewise p -> piecewise(p, values);
        };
    }

    private static double valueOf(Sym s, Map<String, Double> values) {
        Double v = values.get(s.name());
        if (v == null) {
            throw new IllegalArgumentException("no value for symbol '" + s.name() + "'");
        }
        return v;
    }

    private static double product(Product p, Map<String, Double> values) {
        double result = 1;
        for (Expr factor : p.factors()) {
            double v = evaluate(factor, values);
            // inf * 0 arises only where a factor is exactly 0 (e.g. t/eta with eta = inf); the product is then 0.
            if (v == 0) {
                return 0;
            }
            result *= v;
        }
        return result;
    }

    private static double power(double base, Expr exponent, Map<String, Double> values) {
        if (exponent instanceof Num n) {
            Rational r = n.value();
            if (r.equals(Rational.HALF)) {
                return Math.sqrt(base);
            }
            if (r.equals(Rational.MINUS_ONE)) {
                return 1 / base;
            }
            if (r.isInteger() && r.numerator().bitLength() < 8) {
                return integerPower(base, r.intValueExact());
            }
        }
        return Math.pow(base, evaluate(exponent, values));
    }

    private static double integerPower(double base, int n) {
        if (n < 0) {
            return 1 / integerPower(base, -n);
        }
        double result = 1;
        double square = base;
        for (int k = n; k > 0; k >>= 1) {
            if ((k & 1) == 1) {
                result *= square;
            }
            square *= square;
        }
        return result;
    }

    private static double call(Call c, Map<String, Double> values) {
        double[] args = new double[c.args().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = evaluate(c.args().get(i), values);
        }
        return c.function().apply(args);
    }

    private static double piecewise(Piecewise p, Map<String, Double> values) {
        for (Piece piece : p.pieces()) {
            if (piece.when().holds(values)) {
                return evaluate(piece.value(), values);
            }
        }
        return evaluate(p.otherwise(), values);
    }
}

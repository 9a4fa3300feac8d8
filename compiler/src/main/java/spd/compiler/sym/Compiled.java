package spd.compiler.sym;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Compiles an expression in one variable into a tree of double closures with the constants folded in, for the many
 * evaluations of quadrature, root finding and plotting (no map look-ups per evaluation).
 */
public final class Compiled {
    private Compiled() {}

    /**
     * f(x) for x &gt; 0 (a weight magnitude, a reweighting), with every other symbol taken from {@code constants}.
     *
     * <p>The expression is first put in a {@link StableForm} (expm1, log1p, erfc, rationalised square-root
     * differences), then compiled. Where that gives NaN, or an infinity that is not the expression's own inf, the value
     * is recomputed without overflow or underflow ({@link WideEvaluation}); a 0/0 at an isolated point (a removable
     * singularity) takes the common value of its two neighbours. NaN is left only where none of these gives a number.
     *
     * @throws IllegalArgumentException when a symbol other than x has no value
     */
    public static DoubleUnaryOperator function(Expr e, String x, Map<String, Double> constants) {
        return function(List.of(e), x, constants);
    }

    /**
     * f(x) for x &gt; 0 given by several equal expressions, e.g. a normal form and the user's own: the first is
     * evaluated as {@link #function(Expr, String, Map)} does, and where it yields no number the others are tried in
     * order (the user's cosh or tanh survives arguments whose exponential normal form overflows even the wide range).
     */
    public static DoubleUnaryOperator function(List<Expr> forms, String x, Map<String, Double> constants) {
        Assumptions ranges = assumptions(x, constants);
        List<Expr> stable =
                forms.stream().distinct().map(f -> StableForm.of(f, ranges)).toList();
        List<DoubleUnaryOperator> fast =
                stable.stream().map(f -> closure(f, x, constants)).toList();
        boolean[] ownInfinity = new boolean[stable.size()];
        for (int i = 0; i < ownInfinity.length; i++) {
            ownInfinity[i] = Traversal.contains(stable.get(i), Expr.infinity());
        }
        DoubleUnaryOperator primary = fast.get(0);
        if (fast.size() == 1) {
            return v -> {
                double y = primary.applyAsDouble(v);
                if (Double.isFinite(y) || (Double.isInfinite(y) && ownInfinity[0])) {
                    return y;
                }
                return recomputed(stable, fast, ownInfinity, x, v, constants);
            };
        }
        DoubleUnaryOperator second = fast.get(1);
        // Which form is sharper, decided once per binade of v (it changes only where the cancellation does).
        byte[] choice = new byte[2200];
        return v -> {
            double y = primary.applyAsDouble(v);
            double z = second.applyAsDouble(v);
            if (Double.isFinite(y) && Double.isFinite(z)) {
                if (agree(y, z)) {
                    return y;
                }
                int binade = Math.getExponent(v) + 1100;
                if (choice[binade] == 0) {
                    choice[binade] = (byte) (sharper(stable, x, v, constants) ? 2 : 1);
                }
                return choice[binade] == 2 ? z : y;
            }
            if (Double.isFinite(y) || (Double.isInfinite(y) && ownInfinity[0])) {
                return y;
            }
            return recomputed(stable, fast, ownInfinity, x, v, constants);
        };
    }

    private static boolean agree(double y, double z) {
        return Math.abs(y - z) <= 1e-13 * Math.max(Math.abs(y), Math.abs(z));
    }

    /**
     * Of two forms that disagree at v (one of them loses digits to cancellation), whether the second one's interval
     * enclosure at v is narrower relative to its size: interval arithmetic bounds the rounding of each form, so the
     * choice is certified rather than guessed.
     */
    private static boolean sharper(List<Expr> stable, String x, double v, Map<String, Double> constants) {
        Map<String, Interval> ranges = new java.util.HashMap<>();
        constants.forEach((name, value) -> ranges.put(name, Interval.point(value)));
        ranges.put(x, Interval.point(v));
        Assumptions at = Assumptions.of(ranges);
        double widthY = relativeWidth(IntervalEvaluation.enclose(stable.get(0), at));
        double widthZ = relativeWidth(IntervalEvaluation.enclose(stable.get(1), at));
        return widthZ < widthY;
    }

    private static double relativeWidth(Interval i) {
        double width = i.hi() - i.lo();
        double size = Math.max(Math.abs(i.lo()), Math.abs(i.hi()));
        return Double.isNaN(width) ? Double.POSITIVE_INFINITY : width / size;
    }

    /** The expression as given, compiled without the stable rewrites or fallbacks (for tests and comparisons). */
    public static DoubleUnaryOperator plain(Expr e, String x, Map<String, Double> constants) {
        return closure(e, x, constants);
    }

    private static Assumptions assumptions(String x, Map<String, Double> constants) {
        Map<String, Interval> ranges = new java.util.HashMap<>();
        constants.forEach((name, value) -> ranges.put(name, Interval.point(value)));
        ranges.put(x, Interval.POSITIVE);
        return Assumptions.of(ranges);
    }

    /**
     * The value at v where the primary form gave NaN or an overflow: each form in wide evaluation (and the others'
     * compiled forms), then the neighbours of a removable singularity.
     */
    private static double recomputed(
            List<Expr> stable,
            List<DoubleUnaryOperator> fast,
            boolean[] ownInfinity,
            String x,
            double v,
            Map<String, Double> constants) {
        for (int i = 0; i < stable.size(); i++) {
            if (i > 0) {
                double y = fast.get(i).applyAsDouble(v);
                if (Double.isFinite(y) || (Double.isInfinite(y) && ownInfinity[i])) {
                    return y;
                }
            }
            double wide = WideEvaluation.evaluate(stable.get(i), x, v, constants);
            if (!Double.isNaN(wide)) {
                return wide;
            }
        }
        // A removable singularity (0/0 at one point): the two neighbours agree on the limit.
        DoubleUnaryOperator primary = fast.get(0);
        double h = Math.max(Math.abs(v), Double.MIN_NORMAL) * 0x1p-24;
        double left = primary.applyAsDouble(v - h);
        double right = primary.applyAsDouble(v + h);
        if (Double.isFinite(left)
                && Double.isFinite(right)
                && Math.abs(left - right) <= 1e-6 * Math.max(Math.abs(left), Math.abs(right))) {
            return 0.5 * (left + right);
        }
        // A pole (1/0 in double): the compiled form's infinity is the answer.
        return primary.applyAsDouble(v);
    }

    private static DoubleUnaryOperator closure(Expr e, String x, Map<String, Double> constants) {
        return switch (e) {
            case Num n -> constant(n.value().toDouble());
            case NamedConstant c -> constant(c.value());
            case Infinity i -> constant(Double.POSITIVE_INFINITY);
            case Sym s -> s.name().equals(x) ? v -> v : constant(valueOf(s, constants));
            case Sum s ->
                sum(s.terms().stream().map(t -> closure(t, x, constants)).toList());
            case Product p ->
                product(p.factors().stream().map(f -> closure(f, x, constants)).toList());
            case Pow p -> power(closure(p.base(), x, constants), p.exponent(), x, constants);
            case Abs a -> {
                DoubleUnaryOperator f = closure(a.argument(), x, constants);
                yield v -> Math.abs(f.applyAsDouble(v));
            }
            case Call c -> call(c, x, constants);
            case Piecewise p -> piecewise(p, x, constants);
        };
    }

    private static DoubleUnaryOperator constant(double value) {
        return v -> value;
    }

    private static double valueOf(Sym s, Map<String, Double> constants) {
        Double value = constants.get(s.name());
        if (value == null) {
            throw new IllegalArgumentException("no value for symbol '" + s.name() + "'");
        }
        return value;
    }

    private static DoubleUnaryOperator sum(List<DoubleUnaryOperator> terms) {
        DoubleUnaryOperator[] t = terms.toArray(DoubleUnaryOperator[]::new);
        return v -> {
            double total = 0;
            for (DoubleUnaryOperator term : t) {
                total += term.applyAsDouble(v);
            }
            return total;
        };
    }

    private static DoubleUnaryOperator product(List<DoubleUnaryOperator> factors) {
        DoubleUnaryOperator[] f = factors.toArray(DoubleUnaryOperator[]::new);
        return v -> {
            double result = 1;
            boolean zero = false;
            for (DoubleUnaryOperator factor : f) {
                double value = factor.applyAsDouble(v);
                zero |= value == 0;
                result *= value;
            }
            // 0 * inf is an underflow meeting an overflow, or t/eta with eta = inf: NaN sends the value to the wide
            // evaluation, which tells them apart (and gives 0 for a genuinely infinite factor, as Expr.evaluate does).
            return zero && !Double.isNaN(result) ? 0 : result;
        };
    }

    private static DoubleUnaryOperator power(
            DoubleUnaryOperator base, Expr exponent, String x, Map<String, Double> constants) {
        if (exponent instanceof Num n) {
            Rational r = n.value();
            if (r.equals(Rational.HALF)) {
                return v -> Math.sqrt(base.applyAsDouble(v));
            }
            if (r.equals(Rational.MINUS_ONE)) {
                // 1/inf is 0 for the expression's own inf but wrong for an overflow: NaN sends it to the wide
                // evaluation.
                return v -> {
                    double b = base.applyAsDouble(v);
                    return Double.isInfinite(b) ? Double.NaN : 1 / b;
                };
            }
            if (r.equals(Rational.of(2))) {
                return v -> {
                    double b = base.applyAsDouble(v);
                    return b * b;
                };
            }
            double e = r.toDouble();
            if (e < 0) {
                return v -> {
                    double b = base.applyAsDouble(v);
                    return Double.isInfinite(b) ? Double.NaN : Math.pow(b, e);
                };
            }
            return v -> Math.pow(base.applyAsDouble(v), e);
        }
        DoubleUnaryOperator e = closure(exponent, x, constants);
        return v -> Math.pow(base.applyAsDouble(v), e.applyAsDouble(v));
    }

    private static DoubleUnaryOperator call(Call c, String x, Map<String, Double> constants) {
        MathFunction f = c.function();
        List<DoubleUnaryOperator> args =
                c.args().stream().map(a -> closure(a, x, constants)).toList();
        if (args.size() == 1 && f instanceof Builtin builtin) {
            DoubleUnaryOperator a = args.get(0);
            return switch (builtin) {
                case LOG -> v -> Math.log(a.applyAsDouble(v));
                case EXP -> v -> Math.exp(a.applyAsDouble(v));
                default -> v -> builtin.apply(a.applyAsDouble(v));
            };
        }
        DoubleUnaryOperator[] a = args.toArray(DoubleUnaryOperator[]::new);
        return v -> {
            double[] values = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                values[i] = a[i].applyAsDouble(v);
            }
            return f.apply(values);
        };
    }

    private static DoubleUnaryOperator piecewise(Piecewise p, String x, Map<String, Double> constants) {
        int n = p.pieces().size();
        DoubleUnaryOperator[] lefts = new DoubleUnaryOperator[n];
        DoubleUnaryOperator[] rights = new DoubleUnaryOperator[n];
        Relation[] relations = new Relation[n];
        DoubleUnaryOperator[] values = new DoubleUnaryOperator[n];
        for (int i = 0; i < n; i++) {
            Piece piece = p.pieces().get(i);
            lefts[i] = closure(piece.when().left(), x, constants);
            rights[i] = closure(piece.when().right(), x, constants);
            relations[i] = piece.when().relation();
            values[i] = closure(piece.value(), x, constants);
        }
        DoubleUnaryOperator otherwise = closure(p.otherwise(), x, constants);
        return v -> {
            for (int i = 0; i < n; i++) {
                if (relations[i].test(lefts[i].applyAsDouble(v), rights[i].applyAsDouble(v))) {
                    return values[i].applyAsDouble(v);
                }
            }
            return otherwise.applyAsDouble(v);
        };
    }
}

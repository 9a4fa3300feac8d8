package spd.compiler.sym;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Leading behaviour of an expression as x tends to 0 from above or to infinity: c * x^p * (log x)^l * exp(r x), with
 * c, p, r free of x. Used for the slope of a penalty at 0, its growth at infinity and the integrability of t/eta(t). When
 * leading terms cancel, or a function has no rule, the answer is {@link Unknown}: never a guess.
 */
public final class Asymptotics {
    /** Where the limit is taken. */
    public enum Point {
        ZERO_PLUS,
        INFINITY
    }

    /** The leading behaviour of an expression at a point. */
    public sealed interface Behaviour {}

    /** coefficient * x^power * (log x)^logPower * exp(rate * x), the coefficient nonzero. */
    public record Leading(Expr coefficient, Expr power, int logPower, Expr rate) implements Behaviour {}

    /** The expression is identically 0 near the point. */
    public record Zero() implements Behaviour {}

    /** The expression is +infinity (or tends to it faster than any term form) near the point. */
    public record Infinite() implements Behaviour {}

    /** No rule decides; the reason says why. */
    public record Unknown(String reason) implements Behaviour {}

    private static final double EQUAL = 1e-12;
    private static final Behaviour ZERO = new Zero();
    private static final Behaviour INFINITE = new Infinite();

    private final String x;
    private final Point point;
    private final Map<String, Double> constants;

    private Asymptotics(String x, Point point, Map<String, Double> constants) {
        this.x = x;
        this.point = point;
        this.constants = constants;
    }

    /** The leading behaviour of {@code e} in {@code x} at {@code point}, the constants taking the given values. */
    public static Behaviour leading(Expr e, String x, Point point, Map<String, Double> constants) {
        return Effort.bounded(
                "leading term",
                e,
                () -> new Asymptotics(x, point, constants).of(e),
                () -> new Unknown("the leading term was abandoned: it took longer than the symbolic budget"));
    }

    private Behaviour of(Expr e) {
        if (!e.dependsOn(x)) {
            return constant(e);
        }
        return switch (e) {
            case Sym s -> new Leading(Expr.ONE, Expr.ONE, 0, Expr.ZERO);
            case Sum s -> sum(s);
            case Product p -> product(p.factors());
            case Pow p -> power(p);
            case Abs a -> abs(a);
            case Call c -> call(c);
            case Piecewise p -> piecewise(p);
            case Num n -> constant(e);
            case NamedConstant c -> constant(e);
            case Infinity i -> INFINITE;
        };
    }

    private Behaviour constant(Expr e) {
        if (e instanceof Infinity) {
            return INFINITE;
        }
        double v = value(e);
        if (Double.isNaN(v)) {
            return new Unknown("the constant " + e.toText() + " has no value");
        }
        return v == 0 ? ZERO : new Leading(e, Expr.ZERO, 0, Expr.ZERO);
    }

    private double value(Expr e) {
        try {
            return e.evaluate(constants);
        } catch (IllegalArgumentException unknown) {
            return Double.NaN;
        }
    }

    // ------------------------------------------------------------------ sums

    private Behaviour sum(Sum s) {
        List<Leading> terms = new ArrayList<>();
        for (Expr term : s.terms()) {
            Behaviour b = of(term);
            switch (b) {
                case Zero z -> {}
                case Infinite i -> {
                    return INFINITE;
                }
                case Unknown u -> {
                    return u;
                }
                case Leading l -> terms.add(l);
            }
        }
        if (terms.isEmpty()) {
            return ZERO;
        }
        Leading dominant = terms.get(0);
        for (Leading l : terms) {
            if (compareOrder(l, dominant) > 0) {
                dominant = l;
            }
        }
        List<Expr> coefficients = new ArrayList<>();
        double magnitude = 0;
        for (Leading l : terms) {
            if (compareOrder(l, dominant) == 0) {
                coefficients.add(l.coefficient());
                magnitude = Math.max(magnitude, Math.abs(value(l.coefficient())));
            }
        }
        Expr total = Cancel.deep(Expr.sum(coefficients));
        double totalValue = value(total);
        if (Double.isNaN(totalValue) || Math.abs(totalValue) <= 1e-12 * magnitude) {
            return new Unknown("the leading terms cancel");
        }
        return new Leading(total, dominant.power(), dominant.logPower(), dominant.rate());
    }

    /** Positive when a dominates b at the point, 0 when they have the same order. */
    private int compareOrder(Leading a, Leading b) {
        int byRate = compareValues(value(a.rate()), value(b.rate()));
        if (point == Point.INFINITY && byRate != 0) {
            return byRate;
        }
        int byPower = compareValues(value(a.power()), value(b.power()));
        if (byPower != 0) {
            return point == Point.INFINITY ? byPower : -byPower;
        }
        // (log x)^l grows in magnitude with l at both points.
        return Integer.compare(a.logPower(), b.logPower());
    }

    private static int compareValues(double a, double b) {
        return Math.abs(a - b) <= EQUAL * Math.max(1, Math.max(Math.abs(a), Math.abs(b))) ? 0 : Double.compare(a, b);
    }

    // ------------------------------------------------------------------ products and powers

    private Behaviour product(List<Expr> factors) {
        Expr coefficient = Expr.ONE;
        Expr power = Expr.ZERO;
        int logPower = 0;
        Expr rate = Expr.ZERO;
        boolean zero = false;
        boolean infinite = false;
        for (Expr f : factors) {
            switch (of(f)) {
                case Zero z -> zero = true;
                case Infinite i -> infinite = true;
                case Unknown u -> {
                    return u;
                }
                case Leading l -> {
                    coefficient = Expr.mul(coefficient, l.coefficient());
                    power = Expr.add(power, l.power());
                    logPower += l.logPower();
                    rate = Expr.add(rate, l.rate());
                }
            }
        }
        if (zero && infinite) {
            return new Unknown("a factor vanishes where another is infinite");
        }
        if (zero) {
            return ZERO;
        }
        if (infinite) {
            return INFINITE;
        }
        return new Leading(coefficient, power, logPower, rate);
    }

    private Behaviour power(Pow p) {
        if (p.exponent().dependsOn(x)) {
            return of(Expr.exp(Expr.mul(p.exponent(), Expr.log(p.base()))));
        }
        double r = value(p.exponent());
        return switch (of(p.base())) {
            case Zero z -> r > 0 ? ZERO : INFINITE;
            case Infinite i -> r > 0 ? INFINITE : ZERO;
            case Unknown u -> u;
            case Leading l -> {
                boolean integer = p.exponent() instanceof Num n && n.value().isInteger();
                if (!integer && value(l.coefficient()) < 0) {
                    yield new Unknown("a fractional power of a negative quantity");
                }
                Expr logPower = Expr.mul(Expr.number(l.logPower()), p.exponent());
                if (!(logPower instanceof Num n && n.value().isInteger())) {
                    yield new Unknown("a fractional power of log x");
                }
                yield new Leading(
                        Expr.pow(l.coefficient(), p.exponent()),
                        Expr.mul(l.power(), p.exponent()),
                        ((Num) logPower).value().intValueExact(),
                        Expr.mul(l.rate(), p.exponent()));
            }
        };
    }

    private Behaviour abs(Abs a) {
        return switch (of(a.argument())) {
            case Leading l -> {
                double sign = Math.signum(value(l.coefficient()));
                if (point == Point.ZERO_PLUS && l.logPower() % 2 != 0) {
                    sign = -sign;
                }
                yield new Leading(
                        Expr.mul(Expr.number((long) sign), l.coefficient()), l.power(), l.logPower(), l.rate());
            }
            case Behaviour other -> other;
        };
    }

    // ------------------------------------------------------------------ functions

    private Behaviour call(Call c) {
        if (c.args().size() != 1) {
            return new Unknown(c.function().spdName() + " has no asymptotic rule");
        }
        Behaviour inner = of(c.arg());
        if (inner instanceof Unknown) {
            return inner;
        }
        if (c.function() == Builtin.EXP) {
            return exp(c.arg(), inner);
        }
        if (c.function() == Builtin.LOG) {
            return log(c.arg(), inner);
        }
        return otherFunction(c, inner);
    }

    /** Whether a behaviour tends to 0, to a nonzero constant, or to +-infinity. */
    private double limit(Behaviour b) {
        return switch (b) {
            case Zero z -> 0;
            case Infinite i -> Double.POSITIVE_INFINITY;
            case Unknown u -> Double.NaN;
            case Leading l -> {
                double rate = value(l.rate());
                double power = value(l.power());
                double sign = Math.signum(value(l.coefficient()));
                if (point == Point.ZERO_PLUS && l.logPower() % 2 != 0) {
                    sign = -sign;
                }
                boolean growing = point == Point.INFINITY
                        ? rate > 0 || (rate == 0 && (power > 0 || (power == 0 && l.logPower() > 0)))
                        : power < 0 || (power == 0 && l.logPower() > 0);
                boolean vanishing = point == Point.INFINITY
                        ? rate < 0 || (rate == 0 && (power < 0 || (power == 0 && l.logPower() < 0)))
                        : power > 0 || (power == 0 && l.logPower() < 0);
                if (growing) {
                    yield sign * Double.POSITIVE_INFINITY;
                }
                yield vanishing ? 0 : value(l.coefficient());
            }
        };
    }

    private Behaviour exp(Expr u, Behaviour inner) {
        double limit = limit(inner);
        if (limit == 0) {
            return new Leading(Expr.ONE, Expr.ZERO, 0, Expr.ZERO);
        }
        if (Double.isFinite(limit)) {
            return new Leading(Expr.exp(((Leading) inner).coefficient()), Expr.ZERO, 0, Expr.ZERO);
        }
        if (point == Point.INFINITY
                && inner instanceof Leading l
                && l.logPower() == 0
                && value(l.rate()) == 0
                && compareValues(value(l.power()), 1) == 0) {
            // u = a x + b + o(1): exp(u) ~ e^b e^(a x)
            Expr a = l.coefficient();
            Behaviour rest = of(Cancel.deep(Expr.sub(u, Expr.mul(a, new Sym(x)))));
            double restLimit = limit(rest);
            if (restLimit == 0) {
                return new Leading(Expr.ONE, Expr.ZERO, 0, a);
            }
            if (Double.isFinite(restLimit)) {
                return new Leading(Expr.exp(((Leading) rest).coefficient()), Expr.ZERO, 0, a);
            }
        }
        if (limit == Double.NEGATIVE_INFINITY) {
            return new Unknown("exp of a quantity tending to -infinity other than linearly");
        }
        return new Unknown("exp of a quantity tending to infinity other than linearly");
    }

    private Behaviour log(Expr u, Behaviour inner) {
        if (!(inner instanceof Leading l)) {
            return new Unknown("log of a quantity tending to 0 or infinity without a leading term");
        }
        double rate = value(l.rate());
        if (point == Point.INFINITY && rate != 0) {
            return new Leading(l.rate(), Expr.ONE, 0, Expr.ZERO);
        }
        double power = value(l.power());
        if (compareValues(power, 0) != 0) {
            return new Leading(l.power(), Expr.ZERO, 1, Expr.ZERO);
        }
        if (l.logPower() != 0) {
            return new Unknown("log log x has no term form");
        }
        double c = value(l.coefficient());
        if (compareValues(c, 1) != 0) {
            return new Leading(Expr.log(l.coefficient()), Expr.ZERO, 0, Expr.ZERO);
        }
        // log(1 + v) ~ v
        return of(Cancel.deep(Expr.sub(u, Expr.ONE)));
    }

    private Behaviour otherFunction(Call c, Behaviour inner) {
        double limit = limit(inner);
        MathFunction f = c.function();
        if (limit == 0 && f instanceof Builtin builtin) {
            // Odd functions with f(0) = 0 behave like f'(0) u near u = 0.
            Expr slope = switch (builtin) {
                case ATAN, TANH, SINH, DAWSON -> Expr.ONE;
                case ERF -> Expr.div(Expr.TWO, Expr.sqrt(Expr.pi()));
                default -> null;
            };
            if (slope != null && inner instanceof Leading l) {
                return new Leading(Expr.mul(slope, l.coefficient()), l.power(), l.logPower(), l.rate());
            }
        }
        if (Double.isFinite(limit)) {
            double v = f.apply(limit);
            if (v != 0 && Double.isFinite(v)) {
                return new Leading(Expr.call(f, ((Leading) inner).coefficient()), Expr.ZERO, 0, Expr.ZERO);
            }
        }
        if (limit == Double.POSITIVE_INFINITY && f instanceof Builtin builtin) {
            switch (builtin) {
                case ATAN:
                    return new Leading(Expr.div(Expr.pi(), Expr.TWO), Expr.ZERO, 0, Expr.ZERO);
                case TANH, ERF, SIGMOID:
                    return new Leading(Expr.ONE, Expr.ZERO, 0, Expr.ZERO);
                default:
                    break;
            }
        }
        return new Unknown(f.spdName() + " has no asymptotic rule here");
    }

    // ------------------------------------------------------------------ pieces

    private Behaviour piecewise(Piecewise p) {
        double[] probes = point == Point.ZERO_PLUS ? new double[] {1e-12, 1e-9} : new double[] {1e12, 1e9};
        Expr chosen = null;
        for (double probe : probes) {
            Expr active = activePiece(p, probe);
            if (active == null || (chosen != null && !chosen.equals(active))) {
                return new Unknown("cannot tell which piece applies near the point");
            }
            chosen = active;
        }
        return of(chosen);
    }

    private Expr activePiece(Piecewise p, double probe) {
        Map<String, Double> values = new java.util.HashMap<>(constants);
        values.put(x, probe);
        try {
            for (Piece piece : p.pieces()) {
                if (piece.when().holds(values)) {
                    return piece.value();
                }
            }
            return p.otherwise();
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}

package spd.compiler.sym;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simplifying constructors behind {@link Expr}'s factories. Each returns the canonical form of its node: only
 * rewrites that hold for every real value of the symbols happen here (sign-dependent ones live in {@link Simplifier}).
 */
final class Canon {
    /** The largest exact power folded into a number, in bits of numerator or denominator (about 20,000 digits). */
    static final long MAX_EXACT_BITS = 1L << 16;

    private Canon() {}

    // ------------------------------------------------------------------ sums

    static Expr add(List<Expr> terms) {
        Rational constant = Rational.ZERO;
        TreeMap<Expr, Rational> coefficients = new TreeMap<>(ExprOrder.INSTANCE);
        int infinities = 0;
        for (Expr term : flattenSum(terms)) {
            switch (term) {
                case Num n -> constant = constant.add(n.value());
                case Infinity i -> infinities++;
                default -> {
                    Rational coefficient = coefficientOf(term);
                    Expr key = withoutCoefficient(term);
                    if (key instanceof Infinity) {
                        infinities += coefficient.signum();
                    } else {
                        coefficients.merge(key, coefficient, Rational::add);
                    }
                }
            }
        }
        if (infinities != 0) {
            return infinities > 0 ? Expr.infinity() : new Product(List.of(Expr.MINUS_ONE, Expr.infinity()));
        }
        List<Expr> result = new ArrayList<>();
        if (!constant.isZero()) {
            result.add(new Num(constant));
        }
        for (Map.Entry<Expr, Rational> entry : coefficients.entrySet()) {
            if (!entry.getValue().isZero()) {
                result.add(withCoefficient(entry.getValue(), entry.getKey()));
            }
        }
        if (result.isEmpty()) {
            return Expr.ZERO;
        }
        return result.size() == 1 ? result.get(0) : new Sum(result);
    }

    private static List<Expr> flattenSum(List<Expr> terms) {
        List<Expr> flat = new ArrayList<>(terms.size() + 2);
        for (Expr term : terms) {
            if (term instanceof Sum s) {
                flat.addAll(s.terms());
            } else {
                flat.add(term);
            }
        }
        return flat;
    }

    /** The rational coefficient of a term: 3 for 3*x*y, 1 for x. */
    static Rational coefficientOf(Expr term) {
        return term instanceof Product p ? p.coefficient() : term instanceof Num n ? n.value() : Rational.ONE;
    }

    /** A term without its rational coefficient: x*y for 3*x*y. */
    static Expr withoutCoefficient(Expr term) {
        if (term instanceof Product p && p.factors().get(0) instanceof Num) {
            List<Expr> rest = p.factors().subList(1, p.factors().size());
            return rest.size() == 1 ? rest.get(0) : new Product(rest);
        }
        return term;
    }

    /** c * key for a canonical key without coefficient, without re-sorting. */
    private static Expr withCoefficient(Rational c, Expr key) {
        if (c.isOne()) {
            return key;
        }
        List<Expr> factors = new ArrayList<>();
        factors.add(new Num(c));
        if (key instanceof Product p) {
            factors.addAll(p.factors());
        } else {
            factors.add(key);
        }
        return new Product(factors);
    }

    // ------------------------------------------------------------------ products

    static Expr mul(List<Expr> factors) {
        Rational coefficient = Rational.ONE;
        TreeMap<Expr, Expr> exponents = new TreeMap<>(ExprOrder.INSTANCE);
        List<Expr> exponentials = new ArrayList<>();
        boolean infinite = false;
        for (Expr factor : flattenProduct(factors)) {
            switch (factor) {
                case Num n -> coefficient = coefficient.multiply(n.value());
                case Infinity i -> infinite = true;
                case Call c when c.function() == Builtin.EXP -> exponentials.add(c.arg());
                case Pow p -> exponents.merge(p.base(), p.exponent(), Expr::add);
                default -> exponents.merge(factor, Expr.ONE, Expr::add);
            }
        }
        if (coefficient.isZero()) {
            if (infinite) {
                throw new ArithmeticException("0 * inf is undefined");
            }
            return Expr.ZERO;
        }
        List<Expr> built = new ArrayList<>();
        boolean needsAnotherPass = false;
        for (Map.Entry<Expr, Expr> entry : exponents.entrySet()) {
            Expr power = pow(entry.getKey(), entry.getValue());
            needsAnotherPass |= !isPlainFactor(power) || !baseOf(power).equals(entry.getKey());
            built.add(power);
        }
        if (!exponentials.isEmpty()) {
            Expr exponential = call(Builtin.EXP, List.of(add(exponentials)));
            needsAnotherPass |= !(exponential instanceof Call c && c.function() == Builtin.EXP);
            built.add(exponential);
        }
        if (needsAnotherPass) {
            built.add(new Num(coefficient));
            if (infinite) {
                built.add(Expr.infinity());
            }
            return mul(built);
        }
        return assembleProduct(coefficient, built, infinite);
    }

    private static Expr assembleProduct(Rational coefficient, List<Expr> built, boolean infinite) {
        List<Expr> factors = new ArrayList<>(built);
        factors.removeIf(f -> f.equals(Expr.ONE));
        factors.sort(ExprOrder.INSTANCE);
        if (infinite) {
            if (factors.isEmpty()) {
                return coefficient.signum() > 0
                        ? Expr.infinity()
                        : new Product(List.of(Expr.MINUS_ONE, Expr.infinity()));
            }
            factors.add(Expr.infinity());
        }
        if (factors.isEmpty()) {
            return new Num(coefficient);
        }
        if (factors.size() == 1) {
            Expr only = factors.get(0);
            if (coefficient.isOne()) {
                return only;
            }
            if (only instanceof Sum s) {
                // A number distributes over a sum, so that 2*(x + 1) and 2*x + 2 are one canonical form.
                List<Expr> scaled = new ArrayList<>();
                for (Expr term : s.terms()) {
                    scaled.add(mul(List.of(new Num(coefficient), term)));
                }
                return add(scaled);
            }
        }
        if (!coefficient.isOne()) {
            factors.add(0, new Num(coefficient));
        }
        return factors.size() == 1 ? factors.get(0) : new Product(factors);
    }

    private static List<Expr> flattenProduct(List<Expr> factors) {
        List<Expr> flat = new ArrayList<>(factors.size() + 2);
        for (Expr factor : factors) {
            if (factor instanceof Product p) {
                flat.addAll(p.factors());
            } else {
                flat.add(factor);
            }
        }
        return flat;
    }

    private static boolean isPlainFactor(Expr e) {
        return !(e instanceof Num
                || e instanceof Product
                || e instanceof Infinity
                || (e instanceof Call c && c.function() == Builtin.EXP));
    }

    private static Expr baseOf(Expr e) {
        return e instanceof Pow p ? p.base() : e;
    }

    // ------------------------------------------------------------------ powers

    static Expr pow(Expr base, Expr exponent) {
        if (exponent instanceof Num n) {
            return powNumeric(base, n.value());
        }
        if (base.equals(Expr.ONE)) {
            return Expr.ONE;
        }
        if (base instanceof Call c && c.function() == Builtin.EXP) {
            return call(Builtin.EXP, List.of(mul(List.of(c.arg(), exponent))));
        }
        if (base instanceof Pow p && !isEvenInteger(p.exponent())) {
            return pow(p.base(), mul(List.of(p.exponent(), exponent)));
        }
        return new Pow(base, exponent);
    }

    private static Expr powNumeric(Expr base, Rational e) {
        if (e.isZero()) {
            return Expr.ONE;
        }
        if (e.isOne()) {
            return base;
        }
        return switch (base) {
            case Num n -> powOfNumber(n.value(), e);
            case Infinity i -> e.signum() > 0 ? Expr.infinity() : Expr.ZERO;
            case Pow p ->
                isEvenInteger(p.exponent()) && !e.isInteger()
                        // (x^2)^(1/2) is |x|, not x.
                        ? pow(abs(p.base()), mul(List.of(p.exponent(), new Num(e))))
                        : pow(p.base(), mul(List.of(p.exponent(), new Num(e))));
            case Product p -> powOfProduct(p, e);
            case Abs a -> e.isEvenInteger() ? pow(a.argument(), new Num(e)) : new Pow(base, new Num(e));
            case Call c
            when c.function() == Builtin.EXP -> call(Builtin.EXP, List.of(mul(List.of(c.arg(), new Num(e)))));
            default -> new Pow(base, new Num(e));
        };
    }

    private static Expr powOfNumber(Rational b, Rational e) {
        if (b.isZero()) {
            return e.signum() > 0 ? Expr.ZERO : Expr.infinity();
        }
        if (b.isOne()) {
            return Expr.ONE;
        }
        if (e.isInteger()) {
            // Exact powers stay below MAX_EXACT_BITS: (7^9999)^9999 would take hours and (10^60000)^60000 overflows
            // BigInteger; past the limit the power stays symbolic, and evaluates to what a double makes of it.
            long bits =
                    (long) Math.max(b.numerator().bitLength(), b.denominator().bitLength())
                            * e.numerator().abs().longValue();
            if (e.numerator().bitLength() > 16 || bits > MAX_EXACT_BITS) {
                return new Pow(new Num(b), new Num(e));
            }
            return new Num(b.pow(e.intValueExact()));
        }
        if (b.signum() < 0 || e.denominator().bitLength() > 16) {
            return new Pow(new Num(b), new Num(e));
        }
        Rational root = b.exactRoot(e.denominator().intValueExact());
        if (root != null) {
            return powOfNumber(root, Rational.of(e.numerator()));
        }
        // 2^(3/2) = 2 * 2^(1/2): the integer part of the exponent leaves the power.
        Rational whole = Rational.of(e.floor());
        if ((long) Math.max(b.numerator().bitLength(), b.denominator().bitLength())
                        * whole.numerator().abs().longValue()
                > MAX_EXACT_BITS) {
            return new Pow(new Num(b), new Num(e));
        }
        Rational fraction = e.subtract(whole);
        Expr fractional = new Pow(new Num(b), new Num(fraction));
        return whole.isZero() ? fractional : new Product(List.of(new Num(b.pow(whole.intValueExact())), fractional));
    }

    private static Expr powOfProduct(Product p, Rational e) {
        List<Expr> inside = new ArrayList<>();
        List<Expr> outside = new ArrayList<>();
        for (Expr factor : p.factors()) {
            // (x*y)^e = x^e * y^e holds for every real x, y when e is an integer, else only for nonnegative factors.
            if (e.isInteger() || isStructurallyNonnegative(factor)) {
                outside.add(pow(factor, new Num(e)));
            } else {
                inside.add(factor);
            }
        }
        if (inside.isEmpty()) {
            return mul(outside);
        }
        if (outside.isEmpty()) {
            return new Pow(p, new Num(e));
        }
        Expr rest = inside.size() == 1 ? inside.get(0) : new Product(inside);
        outside.add(new Pow(rest, new Num(e)));
        return mul(outside);
    }

    /** Whether an expression is nonnegative for every real value of its symbols, judged from its shape alone. */
    static boolean isStructurallyNonnegative(Expr e) {
        return switch (e) {
            case Num n -> n.value().signum() >= 0;
            case NamedConstant c -> c.value() >= 0;
            case Infinity i -> true;
            case Abs a -> true;
            case Pow p ->
                !(p.exponent() instanceof Num n)
                        || !n.value().isInteger()
                        || n.value().isEvenInteger()
                        || isStructurallyNonnegative(p.base());
            case Call c
            when c.function() instanceof Builtin f ->
                switch (f) {
                    case EXP, SIGMOID, SOFTPLUS, COSH, SQRT, ABS -> true;
                    default -> false;
                };
            case Product p -> p.factors().stream().allMatch(Canon::isStructurallyNonnegative);
            case Sum s -> s.terms().stream().allMatch(Canon::isStructurallyNonnegative);
            default -> false;
        };
    }

    private static boolean isEvenInteger(Expr e) {
        return e instanceof Num n && n.value().isEvenInteger();
    }

    // ------------------------------------------------------------------ absolute values

    static Expr abs(Expr a) {
        return switch (a) {
            case Num n -> new Num(n.value().abs());
            case Infinity i -> a;
            case Abs inner -> a;
            case Product p -> mul(p.factors().stream().map(Canon::abs).toList());
            case Sum s when isStructurallyNonnegative(s) -> s;
            case Sum s -> new Abs(leadingCoefficientNegative(s) ? mul(List.of(Expr.MINUS_ONE, s)) : s);
            case Pow p
            when p.exponent() instanceof Num n
                    && n.value().isInteger()
                    && !n.value().isEvenInteger() -> pow(abs(p.base()), p.exponent());
            default -> isStructurallyNonnegative(a) ? a : new Abs(a);
        };
    }

    /** Whether the first non-constant term of a sum has a negative coefficient; |-x + 1| is written |x - 1|. */
    private static boolean leadingCoefficientNegative(Sum s) {
        for (Expr term : s.terms()) {
            if (!(term instanceof Num)) {
                return coefficientOf(term).signum() < 0;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ calls

    static Expr call(MathFunction f, List<Expr> args) {
        if (args.size() != f.arity()) {
            throw new IllegalArgumentException(
                    f.spdName() + " takes " + f.arity() + " argument(s), got " + args.size());
        }
        return switch (f) {
            case SuppliedFunction supplied -> supplied.exactValue(args).orElseGet(() -> new Call(supplied, args));
            case Builtin builtin -> builtinCall(builtin, args);
        };
    }

    private static Expr builtinCall(Builtin f, List<Expr> args) {
        Expr x = args.get(0);
        return switch (f) {
            case SQRT -> pow(x, Expr.HALF);
            case ABS -> abs(x);
            case LOG -> log(x);
            case EXP -> exp(x);
            case SIGN -> x instanceof Num n ? new Num(Rational.of(n.value().signum())) : new Call(f, args);
            case MIN, MAX -> minMax(f, x, args.get(1));
            case SIGMOID -> x.equals(Expr.ZERO) ? Expr.HALF : new Call(f, args);
            case COSH, COS, ERFC -> x.equals(Expr.ZERO) ? Expr.ONE : new Call(f, args);
            case TANH, SINH, ATAN, ERF, DAWSON, SIN, TAN, LOG1P, EXPM1 ->
                x.equals(Expr.ZERO) ? Expr.ZERO : new Call(f, args);
            case SOFTPLUS -> new Call(f, args);
        };
    }

    private static Expr log(Expr x) {
        if (x.equals(Expr.ONE)) {
            return Expr.ZERO;
        }
        if (x instanceof Infinity) {
            return x;
        }
        if (x instanceof Call c && c.function() == Builtin.EXP) {
            return c.arg();
        }
        return new Call(Builtin.LOG, List.of(x));
    }

    private static Expr exp(Expr x) {
        if (x.equals(Expr.ZERO)) {
            return Expr.ONE;
        }
        if (x instanceof Infinity) {
            return x;
        }
        if (x instanceof Product p && p.factors().size() == 2 && p.factors().get(1) instanceof Infinity) {
            return p.coefficient().signum() < 0 ? Expr.ZERO : Expr.infinity();
        }
        // exp(log x) = x, and exp(n * log x) = x^n: log x exists only for x > 0, where both hold.
        if (x instanceof Call c && c.function() == Builtin.LOG) {
            return c.arg();
        }
        if (x instanceof Product p
                && p.factors().size() == 2
                && p.factors().get(0) instanceof Num n
                && p.factors().get(1) instanceof Call c
                && c.function() == Builtin.LOG) {
            return pow(c.arg(), n);
        }
        return new Call(Builtin.EXP, List.of(x));
    }

    private static Expr minMax(Builtin f, Expr a, Expr b) {
        if (a.equals(b)) {
            return a;
        }
        if (a instanceof Num na && b instanceof Num nb) {
            int c = na.value().compareTo(nb.value());
            return (f == Builtin.MIN) == (c <= 0) ? a : b;
        }
        return new Call(f, List.of(a, b));
    }

    // ------------------------------------------------------------------ piecewise

    static Expr piecewise(List<Piece> pieces, Expr otherwise) {
        List<Piece> kept = new ArrayList<>();
        Expr fallback = otherwise;
        for (Piece piece : pieces) {
            Boolean decided = decide(piece.when());
            if (decided == null) {
                kept.add(piece);
            } else if (decided) {
                fallback = piece.value();
                break;
            }
        }
        final Expr last = fallback;
        // Trailing pieces whose value equals the fallback change nothing.
        while (!kept.isEmpty() && kept.get(kept.size() - 1).value().equals(last)) {
            kept.remove(kept.size() - 1);
        }
        return kept.isEmpty() ? last : new Piecewise(kept, last);
    }

    /** The truth of a condition between two numbers, or null when it depends on symbols. */
    private static Boolean decide(Condition c) {
        Expr difference = add(List.of(c.left(), mul(List.of(Expr.MINUS_ONE, c.right()))));
        if (difference instanceof Num n) {
            return c.relation().test(n.value().signum(), 0);
        }
        return null;
    }
}

package spd.compiler.sym;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalog of named rewrite rules. Each is an identity on the ranges the {@link Assumptions} give; the test suite
 * checks every one numerically at random points of those ranges.
 */
public final class Rewrites {
    private Rewrites() {}

    public static final Rewrite ABS_OF_KNOWN_SIGN =
            new Rewrite("abs-known-sign", "|x| = x where x >= 0, and -x where x <= 0", Rewrite.Scope.NODE, (e, a) -> {
                if (e instanceof Abs abs) {
                    Interval range = IntervalEvaluation.enclose(abs.argument(), a);
                    if (range.isNonnegative()) {
                        return Optional.of(abs.argument());
                    }
                    if (range.isNonpositive()) {
                        return Optional.of(Expr.neg(abs.argument()));
                    }
                }
                return Optional.empty();
            });

    public static final Rewrite SIGN_OF_KNOWN =
            new Rewrite("sign-known", "sign(x) = 1 where x > 0, and -1 where x < 0", Rewrite.Scope.NODE, (e, a) -> {
                if (e instanceof Call c && c.function() == Builtin.SIGN) {
                    Interval range = IntervalEvaluation.enclose(c.arg(), a);
                    if (range.isPositive()) {
                        return Optional.of(Expr.ONE);
                    }
                    if (range.isNegative()) {
                        return Optional.of(Expr.MINUS_ONE);
                    }
                }
                return Optional.empty();
            });

    public static final Rewrite DECIDED_PIECES = new Rewrite(
            "decided-pieces",
            "drop the pieces whose condition is false on the symbol ranges; stop at the first that is true",
            Rewrite.Scope.NODE,
            (e, a) -> e instanceof Piecewise p ? Optional.of(decidePieces(p, a)) : Optional.empty());

    public static final Rewrite MIN_MAX_DECIDED = new Rewrite(
            "min-max-decided", "min(x, y) = x where x <= y (and max likewise)", Rewrite.Scope.NODE, (e, a) -> {
                if (e instanceof Call c && (c.function() == Builtin.MIN || c.function() == Builtin.MAX)) {
                    Interval difference = IntervalEvaluation.enclose(
                            Expr.sub(c.args().get(0), c.args().get(1)), a);
                    boolean firstSmaller = difference.isNonpositive();
                    boolean firstLarger = difference.isNonnegative();
                    if (firstSmaller || firstLarger) {
                        boolean pickFirst = (c.function() == Builtin.MIN) == firstSmaller;
                        return Optional.of(c.args().get(pickFirst ? 0 : 1));
                    }
                }
                return Optional.empty();
            });

    public static final Rewrite MIN_MAX_AS_PIECES = new Rewrite(
            "min-max-as-pieces",
            "min(x, y) = piecewise { x if v < r, y otherwise } where x - y changes sign once, at v = r (max likewise)",
            Rewrite.Scope.NODE,
            (e, a) -> e instanceof Call c && (c.function() == Builtin.MIN || c.function() == Builtin.MAX)
                    ? MinMaxPieces.split(c, a)
                    : Optional.empty());

    public static final Rewrite SIGMOID_AS_EXP =
            new Rewrite("sigmoid-as-exp", "sigmoid(x) = 1/(1 + exp(-x))", Rewrite.Scope.NODE, (e, a) -> {
                if (e instanceof Call c && c.function() == Builtin.SIGMOID) {
                    return Optional.of(Expr.pow(Expr.add(Expr.ONE, Expr.exp(Expr.neg(c.arg()))), Expr.MINUS_ONE));
                }
                return Optional.empty();
            });

    public static final Rewrite TANH_AS_EXP =
            new Rewrite("tanh-as-exp", "tanh(x) = (1 - exp(-2x))/(1 + exp(-2x))", Rewrite.Scope.NODE, (e, a) -> {
                if (e instanceof Call c && c.function() == Builtin.TANH) {
                    Expr decay = Expr.exp(Expr.mul(Expr.number(-2), c.arg()));
                    return Optional.of(Expr.div(Expr.sub(Expr.ONE, decay), Expr.add(Expr.ONE, decay)));
                }
                return Optional.empty();
            });

    public static final Rewrite HYPERBOLIC_AS_EXP = new Rewrite(
            "hyperbolic-as-exp",
            "cosh(x) = (exp(x) + exp(-x))/2 and sinh(x) = (exp(x) - exp(-x))/2",
            Rewrite.Scope.NODE,
            (e, a) -> {
                if (e instanceof Call c && (c.function() == Builtin.COSH || c.function() == Builtin.SINH)) {
                    Expr up = Expr.exp(c.arg());
                    Expr down = Expr.exp(Expr.neg(c.arg()));
                    Expr combined = c.function() == Builtin.COSH ? Expr.add(up, down) : Expr.sub(up, down);
                    return Optional.of(Expr.mul(Expr.HALF, combined));
                }
                return Optional.empty();
            });

    public static final Rewrite SOFTPLUS_AS_LOG =
            new Rewrite("softplus-as-log", "softplus(x) = log(1 + exp(x))", Rewrite.Scope.NODE, (e, a) -> {
                if (e instanceof Call c && c.function() == Builtin.SOFTPLUS) {
                    return Optional.of(Expr.log(Expr.add(Expr.ONE, Expr.exp(c.arg()))));
                }
                return Optional.empty();
            });

    public static final Rewrite ROOT_OF_PRODUCT =
            new Rewrite("root-of-product", "(x*y)^r = x^r * y^r for nonnegative x", Rewrite.Scope.NODE, (e, a) -> {
                if (e instanceof Pow p && p.base() instanceof Product product && !isInteger(p.exponent())) {
                    List<Expr> outside = new ArrayList<>();
                    List<Expr> inside = new ArrayList<>();
                    for (Expr factor : product.factors()) {
                        (IntervalEvaluation.enclose(factor, a).isNonnegative() ? outside : inside).add(factor);
                    }
                    if (!outside.isEmpty()) {
                        outside.replaceAll(f -> Expr.pow(f, p.exponent()));
                        outside.add(Expr.pow(Expr.product(inside), p.exponent()));
                        return Optional.of(Expr.product(outside));
                    }
                }
                return Optional.empty();
            });

    public static final Rewrite EXP_OF_LOG_SUM =
            new Rewrite("exp-of-log", "exp(c*log(x) + y) = x^c * exp(y)", Rewrite.Scope.NODE, (e, a) -> {
                if (e instanceof Call c && c.function() == Builtin.EXP && c.arg() instanceof Sum s) {
                    List<Expr> powers = new ArrayList<>();
                    List<Expr> rest = new ArrayList<>();
                    for (Expr term : s.terms()) {
                        Expr core = Canon.withoutCoefficient(term);
                        if (core instanceof Call log && log.function() == Builtin.LOG) {
                            powers.add(Expr.pow(log.arg(), Expr.number(Canon.coefficientOf(term))));
                        } else {
                            rest.add(term);
                        }
                    }
                    if (!powers.isEmpty()) {
                        powers.add(Expr.exp(Expr.sum(rest)));
                        return Optional.of(Expr.product(powers));
                    }
                }
                return Optional.empty();
            });

    public static final Rewrite CANCEL = new Rewrite(
            "cancel",
            "write rational expressions as one fraction in lowest terms (polynomial gcd)",
            Rewrite.Scope.WHOLE,
            (e, a) -> Optional.of(Cancel.deep(e)));

    public static final Rewrite RATIONALIZE = new Rewrite(
            "rationalize",
            "1/(A + B*sqrt(X)) = (A - B*sqrt(X))/(A^2 - B^2*X)",
            Rewrite.Scope.NODE,
            (e, a) -> e instanceof Pow p && p.exponent().equals(Expr.MINUS_ONE) && p.base() instanceof Sum s
                    ? rationalize(s)
                    : Optional.empty());

    public static final Rewrite DENEST = new Rewrite(
            "denest",
            "sqrt(A + B*sqrt(C)) = sqrt((A + D)/2) + sign(B)*sqrt((A - D)/2) with D = sqrt(A^2 - B^2*C) free of radicals",
            Rewrite.Scope.NODE,
            (e, a) -> e instanceof Pow p && p.exponent().equals(Expr.HALF) && p.base() instanceof Sum s
                    ? denest(s, a)
                    : Optional.empty());

    public static final Rewrite LOG_COMBINE = new Rewrite(
            "log-combine",
            "c1*log(x1) + c2*log(x2) = log(x1^c1 * x2^c2) for positive x1, x2 and integers c1, c2",
            Rewrite.Scope.NODE,
            (e, a) -> e instanceof Sum s ? combineLogs(s, a) : Optional.empty());

    public static final Rewrite SPLIT_OVER_MONOMIAL = new Rewrite(
            "split-fraction",
            "(x + y)/m = x/m + y/m when m is a monomial",
            Rewrite.Scope.NODE,
            (e, a) -> splitOverMonomial(e));

    public static final Rewrite LIFT_PIECES = new Rewrite(
            "lift-pieces",
            "f(piecewise { a if c, b otherwise }) = piecewise { f(a) if c, f(b) otherwise }",
            Rewrite.Scope.NODE,
            (e, a) -> liftPieces(e));

    public static final Rewrite INFINITE_PRODUCT = new Rewrite(
            "infinite-product",
            "c * inf = inf for c > 0 (a zero slope is an infinite reweighting)",
            Rewrite.Scope.NODE,
            (e, a) -> {
                if (e instanceof Product p && p.factors().contains(Expr.infinity())) {
                    Expr rest = Expr.product(p.factors().stream()
                            .filter(f -> !(f instanceof Infinity))
                            .toList());
                    Interval range = IntervalEvaluation.enclose(rest, a);
                    if (range.isPositive()) {
                        return Optional.of(Expr.infinity());
                    }
                }
                return Optional.empty();
            });

    public static final Rewrite ZERO_POWER =
            new Rewrite("zero-power", "0^e = 0 for e > 0, inf for e < 0", Rewrite.Scope.NODE, (e, a) -> {
                if (e instanceof Pow p && p.base().equals(Expr.ZERO)) {
                    Interval exponent = IntervalEvaluation.enclose(p.exponent(), a);
                    if (exponent.isPositive()) {
                        return Optional.of(Expr.ZERO);
                    }
                    if (exponent.isNegative()) {
                        return Optional.of(Expr.infinity());
                    }
                }
                return Optional.empty();
            });

    public static final Rewrite NEGATED_SUM = new Rewrite(
            "negated-sum",
            "a product with a sum of mostly negative terms shows the sign outside: x*(-1 - t) = -x*(1 + t)",
            Rewrite.Scope.NODE,
            (e, a) -> e instanceof Product p ? negateMostlyNegativeSum(p) : Optional.empty());

    /** Light normalisation: only what the symbol ranges decide (signs, pieces), keeping the user's form. */
    public static final List<Rewrite> LIGHT =
            List.of(LIFT_PIECES, DECIDED_PIECES, ZERO_POWER, MIN_MAX_DECIDED, ABS_OF_KNOWN_SIGN, SIGN_OF_KNOWN);

    /** Normalisation: decide what the ranges decide, write functions through exp and log, then cancel. */
    public static final List<Rewrite> NORMALIZE = List.of(
            LIFT_PIECES,
            DECIDED_PIECES,
            ZERO_POWER,
            MIN_MAX_DECIDED,
            ABS_OF_KNOWN_SIGN,
            SIGN_OF_KNOWN,
            SIGMOID_AS_EXP,
            TANH_AS_EXP,
            HYPERBOLIC_AS_EXP,
            SOFTPLUS_AS_LOG,
            EXP_OF_LOG_SUM,
            ROOT_OF_PRODUCT,
            CANCEL,
            DENEST,
            INFINITE_PRODUCT);

    /** An integrand: normalised, with min and max cut into pieces at their breakpoints for the piecewise integration. */
    public static final List<Rewrite> INTEGRAND = java.util.stream.Stream.concat(
                    NORMALIZE.stream(), java.util.stream.Stream.of(MIN_MAX_AS_PIECES))
            .toList();

    /** Presentation: the forms a researcher writes, e.g. log(1 + |w|/eps) rather than log(w + eps) - log(eps). */
    public static final List<Rewrite> PRESENT = List.of(
            DECIDED_PIECES,
            ZERO_POWER,
            ABS_OF_KNOWN_SIGN,
            SIGN_OF_KNOWN,
            LOG_COMBINE,
            SPLIT_OVER_MONOMIAL,
            NEGATED_SUM);

    /** Every rule, for the numeric soundness tests. */
    public static final List<Rewrite> ALL = List.of(
            LIFT_PIECES,
            ZERO_POWER,
            NEGATED_SUM,
            ABS_OF_KNOWN_SIGN,
            SIGN_OF_KNOWN,
            DECIDED_PIECES,
            MIN_MAX_DECIDED,
            MIN_MAX_AS_PIECES,
            SIGMOID_AS_EXP,
            TANH_AS_EXP,
            HYPERBOLIC_AS_EXP,
            SOFTPLUS_AS_LOG,
            ROOT_OF_PRODUCT,
            EXP_OF_LOG_SUM,
            CANCEL,
            RATIONALIZE,
            DENEST,
            INFINITE_PRODUCT,
            LOG_COMBINE,
            SPLIT_OVER_MONOMIAL);

    private static Optional<Expr> negateMostlyNegativeSum(Product p) {
        for (Expr f : p.factors()) {
            if (f instanceof Sum s) {
                long negative = s.terms().stream().filter(Display::isNegative).count();
                if (2 * negative > s.terms().size()) {
                    List<Expr> rest = new ArrayList<>(p.factors());
                    rest.remove(f);
                    Expr others = Expr.product(rest);
                    if (others instanceof Num) {
                        return Optional.empty();
                    }
                    // Build -(others * (-s)) without letting a number distribute over the negated sum.
                    return Optional.of(Expr.neg(new Product(sortedFactors(others, Expr.neg(s)))));
                }
            }
        }
        return Optional.empty();
    }

    private static List<Expr> sortedFactors(Expr others, Expr sum) {
        List<Expr> factors = new ArrayList<>(others instanceof Product p ? p.factors() : List.of(others));
        factors.add(sum);
        factors.sort(ExprOrder.INSTANCE);
        if (factors.get(0) instanceof Num) {
            Expr first = factors.remove(0);
            factors.add(0, first);
        }
        return factors;
    }

    private static Optional<Expr> liftPieces(Expr e) {
        if (e instanceof Piecewise) {
            return Optional.empty();
        }
        Piecewise[] found = new Piecewise[1];
        Structure.mapChildren(e, child -> {
            if (found[0] == null && child instanceof Piecewise p) {
                found[0] = p;
            }
            return child;
        });
        if (found[0] == null) {
            return Optional.empty();
        }
        Piecewise p = found[0];
        List<Piece> pieces = p.pieces().stream()
                .map(piece -> new Piece(piece.when(), Replace.all(e, p, piece.value())))
                .toList();
        return Optional.of(Expr.piecewise(pieces, Replace.all(e, p, p.otherwise())));
    }

    private static boolean isInteger(Expr e) {
        return e instanceof Num n && n.value().isInteger();
    }

    private static Expr decidePieces(Piecewise p, Assumptions a) {
        List<Piece> kept = new ArrayList<>();
        for (Piece piece : p.pieces()) {
            Interval difference = IntervalEvaluation.enclose(
                    Expr.sub(piece.when().left(), piece.when().right()), a);
            Boolean truth = decide(piece.when().relation(), difference);
            if (truth == null) {
                kept.add(piece);
            } else if (truth) {
                return kept.isEmpty() ? piece.value() : Expr.piecewise(kept, piece.value());
            }
        }
        return kept.isEmpty() ? p.otherwise() : Expr.piecewise(kept, p.otherwise());
    }

    /** The truth of "difference relation 0" when the interval decides it, else null. */
    static Boolean decide(Relation relation, Interval difference) {
        return switch (relation) {
            case LT -> difference.hi() < 0 ? Boolean.TRUE : difference.lo() >= 0 ? Boolean.FALSE : null;
            case LE -> difference.hi() <= 0 ? Boolean.TRUE : difference.lo() > 0 ? Boolean.FALSE : null;
            case GT -> difference.lo() > 0 ? Boolean.TRUE : difference.hi() <= 0 ? Boolean.FALSE : null;
            case GE -> difference.lo() >= 0 ? Boolean.TRUE : difference.hi() < 0 ? Boolean.FALSE : null;
        };
    }

    private static Optional<Expr> rationalize(Sum s) {
        Expr root = null;
        List<Expr> rational = new ArrayList<>();
        List<Expr> radical = new ArrayList<>();
        for (Expr term : s.terms()) {
            Expr termRoot = squareRootFactor(term);
            if (termRoot == null) {
                rational.add(term);
            } else if (root == null || root.equals(termRoot)) {
                root = termRoot;
                radical.add(term);
            } else {
                return Optional.empty();
            }
        }
        if (root == null || rational.isEmpty()) {
            return Optional.empty();
        }
        Expr a = Expr.sum(rational);
        Expr b = Cancel.deep(Expr.div(Expr.sum(radical), root));
        Expr radicand = ((Pow) root).base();
        Expr denominator = Cancel.deep(Expr.sub(Expr.pow(a, Expr.TWO), Expr.mul(Expr.pow(b, Expr.TWO), radicand)));
        if (denominator.equals(Expr.ZERO)) {
            return Optional.empty();
        }
        return Optional.of(Expr.div(Expr.sub(a, Expr.mul(b, root)), denominator));
    }

    /**
     * sqrt(A + B sqrt(C)) denested when A^2 - B^2 C is a perfect square D^2 and A - D &gt;= 0 on the ranges: then
     * (sqrt((A + D)/2) + sign(B) sqrt((A - D)/2))^2 = A + B sqrt(C), and the right side is nonnegative.
     */
    private static Optional<Expr> denest(Sum s, Assumptions a) {
        Expr root = null;
        List<Expr> rational = new ArrayList<>();
        List<Expr> radical = new ArrayList<>();
        for (Expr term : s.terms()) {
            Expr termRoot = squareRootFactor(term);
            if (termRoot == null) {
                rational.add(term);
            } else if (root == null || root.equals(termRoot)) {
                root = termRoot;
                radical.add(term);
            } else {
                return Optional.empty();
            }
        }
        if (root == null || rational.isEmpty()) {
            return Optional.empty();
        }
        Expr bigA = Expr.sum(rational);
        Expr bigB = Cancel.deep(Expr.div(Expr.sum(radical), root));
        Expr c = ((Pow) root).base();
        Interval signB = IntervalEvaluation.enclose(bigB, a);
        if (squareRootFactor(bigB) != null || !(signB.isPositive() || signB.isNegative())) {
            return Optional.empty();
        }
        Expr squared = Cancel.deep(Expr.sub(Expr.pow(bigA, Expr.TWO), Expr.mul(Expr.pow(bigB, Expr.TWO), c)));
        Expr d = Simplifier.simplify(Expr.sqrt(squared), a, LIGHT).expr();
        if (hasRadical(d)) {
            return Optional.empty();
        }
        Expr plus = Cancel.deep(Expr.div(Expr.add(bigA, d), Expr.TWO));
        Expr minus = Cancel.deep(Expr.div(Expr.sub(bigA, d), Expr.TWO));
        if (!IntervalEvaluation.enclose(minus, a).isNonnegative()
                || !IntervalEvaluation.enclose(plus, a).isNonnegative()) {
            return Optional.empty();
        }
        Expr second = Expr.sqrt(minus);
        return Optional.of(Expr.add(Expr.sqrt(plus), signB.isPositive() ? second : Expr.neg(second)));
    }

    /** Whether e has a square root of a non-number (a radical that denesting would only have moved). */
    private static boolean hasRadical(Expr e) {
        if (e instanceof Pow p
                && !(p.exponent() instanceof Num n && n.value().isInteger())
                && !(p.base() instanceof Num)) {
            return true;
        }
        boolean[] found = {false};
        Structure.mapChildren(e, child -> {
            found[0] |= hasRadical(child);
            return child;
        });
        return found[0];
    }

    /** The factor sqrt(X) of a term with X a sum (sqrt(c) of a constant is a plain factor), if it has exactly one. */
    private static Expr squareRootFactor(Expr term) {
        List<Expr> factors = term instanceof Product p ? p.factors() : List.of(term);
        Expr found = null;
        for (Expr f : factors) {
            if (f instanceof Pow p && p.exponent().equals(Expr.HALF) && p.base() instanceof Sum) {
                if (found != null) {
                    return null;
                }
                found = f;
            }
        }
        return found;
    }

    private static Optional<Expr> combineLogs(Sum s, Assumptions a) {
        List<Expr> logs = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        for (Expr term : s.terms()) {
            Expr core = Canon.withoutCoefficient(term);
            Rational c = Canon.coefficientOf(term);
            if (core instanceof Call log
                    && log.function() == Builtin.LOG
                    && c.isInteger()
                    && IntervalEvaluation.enclose(log.arg(), a).isPositive()) {
                logs.add(Expr.pow(log.arg(), Expr.number(c)));
            } else {
                rest.add(term);
            }
        }
        if (logs.size() < 2) {
            return Optional.empty();
        }
        Expr argument = Cancel.deep(Expr.product(logs));
        rest.add(Expr.log(splitOverMonomial(argument).orElse(argument)));
        return Optional.of(Expr.sum(rest));
    }

    private static Optional<Expr> splitOverMonomial(Expr e) {
        if (!(e instanceof Product p)) {
            return Optional.empty();
        }
        Sum sum = null;
        List<Expr> others = new ArrayList<>();
        boolean hasDenominator = false;
        for (Expr f : p.factors()) {
            if (f instanceof Sum s && sum == null) {
                sum = s;
            } else if (isMonomialFactor(f)) {
                others.add(f);
                hasDenominator |= f instanceof Pow pow && Display.isNegativeExponent(pow.exponent());
            } else {
                return Optional.empty();
            }
        }
        if (sum == null || !hasDenominator) {
            return Optional.empty();
        }
        Expr monomial = Expr.product(others);
        return Optional.of(
                Expr.sum(sum.terms().stream().map(t -> Expr.mul(t, monomial)).toList()));
    }

    private static boolean isMonomialFactor(Expr f) {
        return switch (f) {
            case Num n -> true;
            case Sym s -> true;
            case NamedConstant c -> true;
            case Abs a -> a.argument() instanceof Sym;
            case Pow p -> p.exponent() instanceof Num && isMonomialFactor(p.base()) && !(p.base() instanceof Num);
            default -> false;
        };
    }
}

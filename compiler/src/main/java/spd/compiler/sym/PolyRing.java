package spd.compiler.sym;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.numeric.Deadline;

/**
 * Views expressions as rational functions of their kernels: the maximal subexpressions that are not sums, products or
 * integer powers (symbols, |x|, log(x), x^(1/2), exp(x), ...). Used to cancel common factors.
 *
 * <p>An algebraic ring ({@link #algebraic}) also knows what its radical kernels mean: a base and its roots share one
 * kernel (c and c^(1/2) are r^2 and r with r = c^(1/2)), a root of a sum satisfies r^q = radicand and is reduced by
 * it (sqrt(X)^3 = X sqrt(X)), and a denominator linear in a square root is rationalised when that makes it smaller
 * (t/(sqrt(t^2 + a) - t) becomes t (sqrt(t^2 + a) + t)/a). Then rational functions of radicals cancel as they should.
 */
final class PolyRing {
    private final List<Expr> kernels = new ArrayList<>();
    private final Map<Expr, Integer> index = new HashMap<>();
    /** Kernels that are powers of another: c is (c^(1/2))^2 in an algebraic ring. */
    private final Map<Expr, Power> aliases = new HashMap<>();
    /** For a kernel r = X^(1/q) of a sum X: r^q = X, as a polynomial of the ring. */
    private final Map<Integer, Radical> radicals = new HashMap<>();

    private boolean frozen;
    private boolean algebraic;

    /** r^degree = radicand. */
    private record Radical(int degree, Poly radicand) {}

    /** A ring whose kernels are those of the given expressions, with {@code first} (if present) as variable 0. */
    static PolyRing of(List<Expr> expressions, Optional<Expr> first) {
        PolyRing ring = new PolyRing();
        first.ifPresent(ring::kernelIndex);
        for (Expr e : expressions) {
            ring.collect(e);
        }
        ring.frozen = true;
        return ring;
    }

    /**
     * A ring for the expressions whose radical kernels obey their defining relations (for cancellation; integration
     * and solving keep their kernels independent).
     */
    static PolyRing algebraic(List<Expr> expressions) {
        PolyRing ring = new PolyRing();
        ring.algebraic = true;
        for (Expr e : expressions) {
            ring.collect(e);
        }
        ring.unifyRoots();
        ring.frozen = true;
        ring.collectRadicals();
        return ring;
    }

    /**
     * Replaces every base X and its roots X^(1/q1), X^(1/q2), ... by powers of one kernel X^(1/L), L the lcm of the
     * q's; kernels that become aliases stay in the list (their index unused) so that indices do not move.
     */
    private void unifyRoots() {
        Map<Expr, Integer> lcms = new HashMap<>();
        for (Expr k : new ArrayList<>(kernels)) {
            Integer q = unitRootDegree(k);
            if (q != null) {
                lcms.merge(((Pow) k).base(), q, (a, b) -> a / gcd(a, b) * b);
            }
        }
        lcms.forEach((base, lcm) -> {
            Expr root = Canon.pow(base, Expr.number(Rational.of(1, lcm)));
            int rootIndex = kernelIndex(root);
            for (Expr k : new ArrayList<>(kernels)) {
                if (k.equals(root)) {
                    continue;
                }
                if (k.equals(base)) {
                    aliases.put(k, new Power(kernels.get(rootIndex), lcm));
                } else if (unitRootDegree(k) != null && ((Pow) k).base().equals(base)) {
                    aliases.put(k, new Power(kernels.get(rootIndex), lcm / unitRootDegree(k)));
                }
            }
        });
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** q when the kernel is X^(1/q) for an integer q &gt; 1, else null. */
    private static Integer unitRootDegree(Expr kernel) {
        if (kernel instanceof Pow p
                && p.exponent() instanceof Num n
                && n.value().numerator().equals(BigInteger.ONE)
                && n.value().denominator().bitLength() < 8
                && !n.value().isInteger()) {
            return n.value().denominator().intValueExact();
        }
        return null;
    }

    /** The relation r^q = X of every root kernel whose base X is a polynomial of the ring. */
    private void collectRadicals() {
        for (int i = 0; i < kernels.size(); i++) {
            Expr k = kernels.get(i);
            Integer q = unitRootDegree(k);
            if (q == null || aliases.containsKey(k) || index.containsKey(((Pow) k).base())) {
                continue;
            }
            try {
                RatFun radicand = toRatFunUnreduced(((Pow) k).base());
                if (radicand.isPolynomial() && !radicand.num().dependsOn(i)) {
                    Poly base =
                            radicand.num().scale(radicand.den().constantValue().reciprocal());
                    radicals.put(i, new Radical(q, base));
                }
            } catch (IllegalArgumentException | ArithmeticException notInRing) {
                // a radicand with kernels of its own that the expression never uses: keep the kernel independent
            }
        }
    }

    int size() {
        return kernels.size();
    }

    Expr kernel(int i) {
        return kernels.get(i);
    }

    Optional<Integer> indexOf(Expr kernel) {
        return Optional.ofNullable(index.get(kernel));
    }

    private void collect(Expr e) {
        Deadline.check();
        switch (e) {
            case Num n -> {}
            case Sum s -> s.terms().forEach(this::collect);
            case Product p -> p.factors().forEach(this::collect);
            case Pow p when isSmallInteger(p.exponent()) -> collect(p.base());
            default -> {
                Power power = decompose(e);
                if (power != null) {
                    kernelIndex(power.kernel());
                    if (algebraic && unitRootDegree(power.kernel()) != null) {
                        // the radicand's kernels, for the relation r^q = radicand
                        collect(((Pow) power.kernel()).base());
                    }
                }
            }
        }
    }

    private int kernelIndex(Expr kernel) {
        Integer i = index.get(kernel);
        if (i == null) {
            if (frozen) {
                throw new IllegalArgumentException("kernel " + kernel + " is not in this ring");
            }
            i = kernels.size();
            kernels.add(kernel);
            index.put(kernel, i);
        }
        return i;
    }

    private static boolean isSmallInteger(Expr e) {
        return e instanceof Num k
                && k.value().isInteger()
                && k.value().numerator().bitLength() < 16;
    }

    /** kernel^exponent with an integer exponent. */
    private record Power(Expr kernel, int exponent) {}

    /** Splits an atom-like expression into kernel^k; null for infinity, which no rational function holds. */
    private Power decompose(Expr e) {
        return switch (e) {
            case Infinity i -> null;
            case Pow p -> powerOf(p.base(), p.exponent(), false);
            case Call c when c.function() == Builtin.EXP -> powerOf(null, c.arg(), true);
            default -> new Power(e, 1);
        };
    }

    /**
     * base^exponent (or exp(exponent) when {@code exponential}) as kernel^k: x^(3/2) is (x^(1/2))^3, exp(-2t) is
     * (exp(t))^(-2), and x^(-p) is (x^p)^(-1).
     */
    private static Power powerOf(Expr base, Expr exponent, boolean exponential) {
        Rational c = Canon.coefficientOf(exponent);
        Expr rest = Canon.withoutCoefficient(exponent);
        if (exponent instanceof Num n) {
            c = n.value();
            rest = Expr.ONE;
        }
        if (c.numerator().bitLength() > 16) {
            c = Rational.ONE;
            rest = exponent;
        }
        int k = c.numerator().intValueExact();
        Expr unitExponent = Expr.div(rest, Expr.number(Rational.of(c.denominator())));
        Expr kernel = exponential ? new Call(Builtin.EXP, List.of(unitExponent)) : Canon.pow(base, unitExponent);
        if (kernel instanceof Num || kernel instanceof Product || kernel instanceof Sum) {
            return new Power(exponential ? Expr.exp(exponent) : new Pow(base, exponent), 1);
        }
        return new Power(kernel, k);
    }

    /** The rational function of an expression whose kernels belong to this ring (reduced, in an algebraic ring). */
    RatFun toRatFun(Expr e) {
        RatFun f = toRatFunUnreduced(e);
        if (radicals.isEmpty()) {
            return f;
        }
        RatFun reduced = RatFun.of(reduce(f.num()), reduce(f.den()));
        return rationalized(reduced);
    }

    /** p with every r^k, k &gt;= q, replaced by r^(k mod q) X^(k div q) for the relations r^q = X. */
    private Poly reduce(Poly p) {
        for (int round = 0; round < 8; round++) {
            boolean changed = false;
            for (Map.Entry<Integer, Radical> entry : radicals.entrySet()) {
                int r = entry.getKey();
                int q = entry.getValue().degree();
                int degree = p.degree(r);
                if (degree < q) {
                    continue;
                }
                Deadline.check();
                Poly reduced = Poly.zero(p.variableCount());
                Poly root = Poly.variable(p.variableCount(), r);
                for (int k = 0; k <= degree; k++) {
                    Poly c = p.coefficient(r, k);
                    if (!c.isZero()) {
                        reduced = reduced.add(c.multiply(root.pow(k % q))
                                .multiply(entry.getValue().radicand().pow(k / q)));
                    }
                }
                p = reduced;
                changed = true;
            }
            if (!changed) {
                break;
            }
        }
        return p;
    }

    /**
     * f with its denominator freed of a square root r when that makes the denominator smaller: (P + Q r) becomes
     * P^2 - Q^2 X after multiplying by P - Q r (X = r^2).
     */
    private RatFun rationalized(RatFun f) {
        RatFun best = f;
        for (Map.Entry<Integer, Radical> entry : radicals.entrySet()) {
            int r = entry.getKey();
            if (entry.getValue().degree() != 2 || best.den().degree(r) != 1) {
                continue;
            }
            Poly p = best.den().coefficient(r, 0);
            Poly q = best.den().coefficient(r, 1);
            Poly conjugate = p.subtract(q.multiply(Poly.variable(p.variableCount(), r)));
            Poly denominator = reduce(best.den().multiply(conjugate));
            if (denominator.isZero()) {
                continue;
            }
            RatFun candidate = RatFun.of(reduce(best.num().multiply(conjugate)), denominator);
            if (candidate.den().terms().size() < best.den().terms().size()) {
                best = candidate;
            }
        }
        return best;
    }

    private RatFun toRatFunUnreduced(Expr e) {
        int n = kernels.size();
        return switch (e) {
            case Num num -> RatFun.constant(n, num.value());
            case Sum s -> {
                RatFun total = RatFun.constant(n, Rational.ZERO);
                for (Expr term : s.terms()) {
                    total = total.add(toRatFunUnreduced(term));
                }
                yield total;
            }
            case Product p -> {
                RatFun total = RatFun.constant(n, Rational.ONE);
                for (Expr factor : p.factors()) {
                    total = total.multiply(toRatFunUnreduced(factor));
                }
                yield total;
            }
            case Pow p
            when isSmallInteger(p.exponent()) ->
                toRatFunUnreduced(p.base()).pow(((Num) p.exponent()).value().intValueExact());
            default -> {
                Power power = decompose(e);
                if (power == null) {
                    throw new ArithmeticException("infinity is not a rational function");
                }
                Power alias = aliases.get(power.kernel());
                if (alias != null) {
                    yield RatFun.polynomial(Poly.variable(n, kernelIndex(alias.kernel())))
                            .pow(alias.exponent() * power.exponent());
                }
                yield RatFun.polynomial(Poly.variable(n, kernelIndex(power.kernel())))
                        .pow(power.exponent());
            }
        };
    }

    /**
     * The expression of a rational function, c * m * (p) / (d * n * (q)) with numeric contents c, d, monomial contents m,
     * n and the rest p, q, built as one product so that the numeric content stays outside the sums.
     */
    Expr toExpr(RatFun f) {
        List<Expr> factors = new ArrayList<>(parts(f.num()));
        for (Expr part : parts(f.den())) {
            factors.add(Expr.pow(part, Expr.MINUS_ONE));
        }
        return Expr.product(factors);
    }

    /** A polynomial as an expression (its numeric content distributes over a lone sum, as canonical forms do). */
    Expr toExpr(Poly p) {
        return Expr.product(parts(p));
    }

    /** [numeric content, monomial content, rest], the rest written as a square when it is one. */
    private List<Expr> parts(Poly p) {
        if (p.isZero()) {
            return List.of(Expr.ZERO);
        }
        Rational content = p.numericContent();
        if (p.leadingCoefficient().signum() < 0) {
            content = content.negate();
        }
        Poly.Monomial common = p.monomialContent();
        Poly rest = p.divideByMonomial(common).scale(content.reciprocal());
        return List.of(Expr.number(content), monomial(common), restExpr(rest));
    }

    private Expr restExpr(Poly rest) {
        if (rest.terms().size() > 2) {
            Poly root = rest.exactSquareRoot();
            if (root != null) {
                Expr r = polynomialSum(root);
                // (a - t)^2 reads better than (t - a)^2 when a is the constant term; either is the same square.
                return Expr.pow(r, Expr.TWO);
            }
        }
        return polynomialSum(rest);
    }

    private Expr polynomialSum(Poly p) {
        List<Expr> terms = new ArrayList<>();
        p.terms().forEach((m, c) -> terms.add(Expr.mul(Expr.number(c), monomial(m))));
        return Expr.sum(terms);
    }

    private Expr monomial(Poly.Monomial m) {
        List<Expr> factors = new ArrayList<>();
        int[] e = m.exponents();
        for (int i = 0; i < e.length; i++) {
            if (e[i] != 0) {
                factors.add(Expr.pow(kernels.get(i), Expr.number(e[i])));
            }
        }
        return Expr.product(factors);
    }
}

package spd.compiler.sym;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spd.compiler.numeric.Deadline;

/**
 * Symbolic antiderivatives of the integrands penalties produce: rational functions (partial fractions with log and
 * arctan terms), powers x^s, exponentials times polynomials, square roots of quadratics, and derivative-divides
 * substitution. Every result is differentiated back and compared with the integrand at sample points of the variable's
 * range before it is returned; a rule that does not apply, or a result that fails the check, gives empty rather than a
 * wrong closed form.
 */
public final class Integrator {
    private static final double CHECK_TOLERANCE = 1e-8;

    private final Sym x;
    private final Assumptions assumptions;
    private final Map<String, Double> constants;
    private final Set<String> rules = new LinkedHashSet<>();
    private int depth;

    private Integrator(Sym x, Assumptions assumptions) {
        this.x = x;
        this.assumptions = assumptions;
        this.constants = assumptions.pointValues();
    }

    /** An antiderivative with the names of the rules that produced it, in first-use order. */
    public record Antiderivative(Expr value, List<String> rules) {}

    /**
     * An antiderivative of {@code f} in {@code x}, checked by differentiation at sample points of x's range.
     *
     * @param assumptions the range of x and the values of the constants (point ranges)
     */
    public static Optional<Antiderivative> antiderivative(Expr f, String x, Assumptions assumptions) {
        return Effort.bounded("integration", f, () -> antiderivativeUnbounded(f, x, assumptions), Optional::empty);
    }

    private static Optional<Antiderivative> antiderivativeUnbounded(Expr f, String x, Assumptions assumptions) {
        Integrator integrator = new Integrator(new Sym(x), assumptions);
        Expr normalized = Simplifier.normalize(f, assumptions);
        Optional<Expr> result = integrator
                .integrate(normalized)
                .map(value -> Simplifier.simplify(
                                value, assumptions, List.of(Rewrites.ABS_OF_KNOWN_SIGN, Rewrites.SIGN_OF_KNOWN))
                        .expr());
        if (result.isEmpty() || !integrator.derivativeMatches(result.get(), f)) {
            return Optional.empty();
        }
        return Optional.of(new Antiderivative(result.get(), List.copyOf(integrator.rules)));
    }

    private Optional<Expr> integrate(Expr f) {
        Deadline.check();
        if (++depth > 6) {
            depth--;
            return Optional.empty();
        }
        try {
            return firstThatApplies(f);
        } finally {
            depth--;
        }
    }

    private Optional<Expr> firstThatApplies(Expr f) {
        if (!f.dependsOn(x.name())) {
            rules.add("constant");
            return Optional.of(Expr.mul(f, x));
        }
        List<String> rationalRules = new ArrayList<>();
        Optional<Expr> rational = RationalIntegration.antiderivative(f, x, constants, rationalRules);
        if (rational.isPresent()) {
            rules.addAll(rationalRules);
            return rational;
        }
        Optional<Expr> termwise = termByTerm(f);
        if (termwise.isPresent()) {
            return termwise;
        }
        return substitution(f);
    }

    // ------------------------------------------------------------------ linearity

    /** Expands f over its kernels and integrates each monomial, when the denominator is free of x. */
    private Optional<Expr> termByTerm(Expr f) {
        List<Expr> terms = expand(f);
        if (terms == null) {
            return Optional.empty();
        }
        List<Expr> integrals = new ArrayList<>();
        for (Expr term : terms) {
            Optional<Expr> integral = term(term);
            if (integral.isEmpty()) {
                return Optional.empty();
            }
            integrals.add(integral.get());
        }
        if (terms.size() > 1) {
            rules.add("linearity");
        }
        return Optional.of(Expr.sum(integrals));
    }

    /**
     * The monomials of f over its kernels, or null when its denominator depends on x other than through one monomial
     * (exp(x) in the denominator is fine: it is exp(-x) in each term).
     */
    private List<Expr> expand(Expr f) {
        PolyRing ring = PolyRing.of(List.of(f), Optional.of(x));
        RatFun r;
        try {
            r = ring.toRatFun(f);
        } catch (ArithmeticException infinite) {
            return null;
        }
        boolean denominatorHasX = false;
        for (int i = 0; i < ring.size(); i++) {
            denominatorHasX |= r.den().dependsOn(i) && ring.kernel(i).dependsOn(x.name());
        }
        if (denominatorHasX && r.den().terms().size() != 1) {
            return null;
        }
        Expr denominator = ring.toExpr(r.den());
        List<Expr> terms = new ArrayList<>();
        r.num().terms().forEach((monomial, c) -> {
            List<Expr> factors = new ArrayList<>();
            factors.add(Expr.div(Expr.number(c), denominator));
            int[] e = monomial.exponents();
            for (int i = 0; i < e.length; i++) {
                if (e[i] != 0) {
                    factors.add(Expr.pow(ring.kernel(i), Expr.number(e[i])));
                }
            }
            terms.add(Expr.product(factors));
        });
        return terms;
    }

    /** A monomial c * (x-dependent factors): exp-polynomial, power, or square root of a quadratic. */
    private Optional<Expr> term(Expr term) {
        List<Expr> constant = new ArrayList<>();
        List<Expr> variable = new ArrayList<>();
        for (Expr factor : term instanceof Product p ? p.factors() : List.of(term)) {
            (factor.dependsOn(x.name()) ? variable : constant).add(factor);
        }
        Expr c = Expr.product(constant);
        Optional<Expr> core = exponentialTimesPower(variable)
                .or(() -> gaussian(variable))
                .or(() -> symbolicPower(variable))
                .or(() -> squareRootOfQuadratic(variable))
                .or(() -> substitution(Expr.product(variable)));
        return core.map(value -> Expr.mul(c, value));
    }

    // ------------------------------------------------------------------ x^n exp(a x + b)

    private Optional<Expr> exponentialTimesPower(List<Expr> factors) {
        int n = 0;
        Expr exponent = null;
        for (Expr f : factors) {
            if (f.equals(x)) {
                n += 1;
            } else if (f instanceof Pow p
                    && p.base().equals(x)
                    && p.exponent() instanceof Num k
                    && k.value().isInteger()
                    && k.value().signum() > 0) {
                n += k.value().intValueExact();
            } else if (f instanceof Call call && call.function() == Builtin.EXP && exponent == null) {
                exponent = call.arg();
            } else {
                return Optional.empty();
            }
        }
        if (exponent == null || n > 12) {
            return Optional.empty();
        }
        Expr a = Cancel.deep(exponent.derivative(x.name()));
        if (a.dependsOn(x.name()) || a.equals(Expr.ZERO)) {
            return Optional.empty();
        }
        // integral of x^n e^(a x + b) = e^(a x + b) * sum_k (-1)^k n!/(n-k)! x^(n-k) / a^(k+1)
        List<Expr> terms = new ArrayList<>();
        long falling = 1;
        for (int k = 0; k <= n; k++) {
            if (k > 0) {
                falling *= n - k + 1;
            }
            Expr coefficient = Expr.div(Expr.number(k % 2 == 0 ? falling : -falling), Expr.pow(a, Expr.number(k + 1)));
            terms.add(Expr.mul(coefficient, Expr.pow(x, Expr.number(n - k))));
        }
        rules.add(n == 0 ? "exp-rule" : "exp-times-polynomial");
        return Optional.of(Expr.mul(Expr.exp(exponent), Expr.sum(terms)));
    }

    // ------------------------------------------------------------------ exp(a x^2 + b x + c), a < 0

    /** integral of e^(a x^2 + b x + c) = sqrt(pi)/(2 sqrt(-a)) e^(c - b^2/(4a)) erf(sqrt(-a) (x + b/(2a))), a < 0. */
    private Optional<Expr> gaussian(List<Expr> factors) {
        if (factors.size() != 1 || !(factors.get(0) instanceof Call call) || call.function() != Builtin.EXP) {
            return Optional.empty();
        }
        Expr[] abc = quadraticCoefficients(call.arg());
        if (abc == null || !(evaluateConstant(abc[0]) < 0)) {
            return Optional.empty();
        }
        Expr rootOfMinusA = Expr.sqrt(Expr.neg(abc[0]));
        Expr shift = Expr.div(abc[1], Expr.mul(Expr.TWO, abc[0]));
        Expr scale = Expr.mul(
                Expr.div(Expr.sqrt(Expr.pi()), Expr.mul(Expr.TWO, rootOfMinusA)),
                Expr.exp(Expr.sub(abc[2], Expr.div(Expr.pow(abc[1], Expr.TWO), Expr.mul(Expr.number(4), abc[0])))));
        rules.add("gaussian-erf");
        return Optional.of(Expr.mul(scale, Expr.call(Builtin.ERF, Expr.mul(rootOfMinusA, Expr.add(x, shift)))));
    }

    // ------------------------------------------------------------------ x^s, any constant s but -1

    private Optional<Expr> symbolicPower(List<Expr> factors) {
        if (factors.size() != 1) {
            return Optional.empty();
        }
        Expr exponent;
        if (factors.get(0).equals(x)) {
            exponent = Expr.ONE;
        } else if (factors.get(0) instanceof Pow p
                && p.base().equals(x)
                && !p.exponent().dependsOn(x.name())) {
            exponent = p.exponent();
        } else {
            return Optional.empty();
        }
        Expr next = Expr.add(exponent, Expr.ONE);
        double value = evaluateConstant(next);
        if (!(Math.abs(value) > 1e-12)) {
            return Optional.empty();
        }
        rules.add("power-rule");
        return Optional.of(Expr.div(Expr.pow(x, next), next));
    }

    // ------------------------------------------------------------------ x^n (a x^2 + b x + c)^(+-1/2)

    private Optional<Expr> squareRootOfQuadratic(List<Expr> factors) {
        int n = 0;
        Pow root = null;
        for (Expr f : factors) {
            if (f.equals(x)) {
                n++;
            } else if (f instanceof Pow p
                    && (p.exponent().equals(Expr.HALF) || p.exponent().equals(Expr.number(Rational.of(-1, 2))))
                    && root == null) {
                root = p;
            } else {
                return Optional.empty();
            }
        }
        if (root == null || n > 1) {
            return Optional.empty();
        }
        Expr[] abc = quadraticCoefficients(root.base());
        if (abc == null || !(evaluateConstant(abc[0]) > 0)) {
            return Optional.empty();
        }
        Expr a = abc[0];
        Expr h = Expr.div(abc[1], Expr.mul(Expr.TWO, a));
        Expr u = Expr.add(x, h);
        Expr q = root.base();
        Expr sqrtQ = Expr.sqrt(q);
        Expr sqrtA = Expr.sqrt(a);
        Expr k = Expr.sub(abc[2], Expr.mul(a, Expr.pow(h, Expr.TWO)));
        // integral of 1/sqrt(Q) = log(sqrt(a) u + sqrt(Q))/sqrt(a); of sqrt(Q) = u sqrt(Q)/2 + k/(2 sqrt(a)) log(...)
        Expr logTerm = Expr.log(Expr.add(Expr.mul(sqrtA, u), sqrtQ));
        Expr inverseRoot = Expr.div(logTerm, sqrtA);
        Expr plainRoot = Expr.add(
                Expr.mul(Expr.HALF, Expr.mul(u, sqrtQ)), Expr.mul(Expr.div(k, Expr.mul(Expr.TWO, sqrtA)), logTerm));
        boolean inverse = root.exponent().equals(Expr.number(Rational.of(-1, 2)));
        rules.add("sqrt-quadratic");
        if (n == 0) {
            return Optional.of(inverse ? inverseRoot : plainRoot);
        }
        // x = u - h: integral of u Q^r = Q^(r+1)/(2 a (r+1)).
        Expr r = root.exponent();
        Expr uPart =
                Expr.div(Expr.pow(q, Expr.add(r, Expr.ONE)), Expr.mul(Expr.mul(Expr.TWO, a), Expr.add(r, Expr.ONE)));
        return Optional.of(Expr.sub(uPart, Expr.mul(h, inverse ? inverseRoot : plainRoot)));
    }

    /** [a, b, c] with e = a x^2 + b x + c, or null when e is not a quadratic in x. */
    private Expr[] quadraticCoefficients(Expr e) {
        PolyRing ring = PolyRing.of(List.of(e), Optional.of(x));
        for (int i = 1; i < ring.size(); i++) {
            if (ring.kernel(i).dependsOn(x.name())) {
                return null;
            }
        }
        RatFun r = ring.toRatFun(e);
        if (r.den().dependsOn(0) || r.num().degree(0) != 2) {
            return null;
        }
        UPoly u = UPoly.of(r.num(), 0);
        RatFun den = RatFun.of(r.den(), Poly.constant(ring.size(), Rational.ONE));
        Expr[] abc = new Expr[3];
        for (int k = 0; k < 3; k++) {
            abc[2 - k] = ring.toExpr(u.coefficient(k).divide(den));
        }
        return abc;
    }

    // ------------------------------------------------------------------ substitution

    /** Derivative-divides: f = g(u) u' for an inner expression u of f integrates to G(u). */
    private Optional<Expr> substitution(Expr f) {
        for (Expr u : innerCandidates(f)) {
            Deadline.check();
            Expr du = Cancel.deep(u.derivative(x.name()));
            if (du.equals(Expr.ZERO)) {
                continue;
            }
            Expr quotient = Simplifier.normalize(Expr.div(f, du), assumptions);
            Sym placeholder = new Sym(x.name() + "_u" + depth);
            Expr inU = Replace.all(quotient, u, placeholder);
            if (inU.dependsOn(x.name())) {
                continue;
            }
            Interval range = IntervalEvaluation.enclose(u, assumptions);
            Integrator inner = new Integrator(placeholder, assumptions.with(placeholder.name(), range));
            inner.depth = depth;
            Optional<Expr> g = inner.integrate(inU);
            if (g.isPresent()) {
                rules.add("substitution");
                rules.addAll(inner.rules);
                return Optional.of(g.get().substitute(Map.of(placeholder.name(), u)));
            }
        }
        return Optional.empty();
    }

    /** Arguments of functions and bases of non-integer powers that depend on x, outermost first. */
    private List<Expr> innerCandidates(Expr f) {
        List<Expr> candidates = new ArrayList<>();
        collectCandidates(f, candidates);
        candidates.remove(x);
        return candidates;
    }

    private void collectCandidates(Expr e, List<Expr> out) {
        switch (e) {
            case Call c -> c.args().forEach(a -> addCandidate(a, out));
            case Pow p when !(p.exponent() instanceof Num n && n.value().isInteger()) -> addCandidate(p.base(), out);
            default -> {}
        }
        Structure.mapChildren(e, child -> {
            collectCandidates(child, out);
            return child;
        });
    }

    private void addCandidate(Expr candidate, List<Expr> out) {
        if (candidate.dependsOn(x.name()) && !out.contains(candidate)) {
            out.add(candidate);
        }
    }

    // ------------------------------------------------------------------ checks

    private double evaluateConstant(Expr e) {
        try {
            return e.evaluate(constants);
        } catch (IllegalArgumentException unknown) {
            return Double.NaN;
        }
    }

    /** Whether F' = f at sample points of x's range (where both are finite), at least three of them. */
    private boolean derivativeMatches(Expr antiderivative, Expr f) {
        Expr derivative;
        try {
            derivative = antiderivative.derivative(x.name());
        } catch (NotDifferentiableException e) {
            return false;
        }
        int compared = 0;
        Map<String, Double> values = new HashMap<>(constants);
        for (double point : samplePoints(assumptions.rangeOf(x.name()))) {
            values.put(x.name(), point);
            double expected;
            double actual;
            try {
                expected = f.evaluate(values);
                actual = derivative.evaluate(values);
            } catch (IllegalArgumentException unknownSymbol) {
                return false;
            }
            if (!Double.isFinite(expected)) {
                continue;
            }
            if (!(Math.abs(actual - expected) <= CHECK_TOLERANCE * Math.max(1e-3, Math.abs(expected)))) {
                return false;
            }
            compared++;
        }
        return compared >= 3;
    }

    /** Points spread over a range: inside [lo, hi] for a finite one, on a log scale from lo for [lo, inf). */
    static double[] samplePoints(Interval range) {
        double lo = Double.isFinite(range.lo()) ? range.lo() : -10;
        double hi = Double.isFinite(range.hi()) ? range.hi() : Math.max(lo, 0) + 10;
        double[] fractions = {0.013, 0.071, 0.19, 0.33, 0.5, 0.61, 0.77, 0.93};
        double[] points = new double[fractions.length];
        for (int i = 0; i < points.length; i++) {
            points[i] = Double.isFinite(range.hi()) || lo < 0
                    ? lo + fractions[i] * (hi - lo)
                    : lo + 10 * Math.pow(fractions[i], 2) + 1e-3 * fractions[i];
        }
        return points;
    }
}

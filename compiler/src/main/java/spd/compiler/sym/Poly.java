package spd.compiler.sym;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import spd.compiler.numeric.Deadline;

/**
 * A multivariate polynomial with rational coefficients in the variables 0..n-1 (the kernels of a {@link PolyRing}),
 * immutable, with exact division and greatest common divisors.
 */
final class Poly {
    /** Exponents of one monomial, compared lexicographically (variable 0 most significant). */
    record Monomial(int[] exponents) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Monomial m && Arrays.equals(exponents, m.exponents);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(exponents);
        }

        int totalDegree() {
            return Arrays.stream(exponents).sum();
        }

        boolean divides(Monomial other) {
            for (int i = 0; i < exponents.length; i++) {
                if (exponents[i] > other.exponents[i]) {
                    return false;
                }
            }
            return true;
        }

        Monomial times(Monomial other) {
            int[] e = exponents.clone();
            for (int i = 0; i < e.length; i++) {
                e[i] += other.exponents[i];
            }
            return new Monomial(e);
        }

        Monomial over(Monomial other) {
            int[] e = exponents.clone();
            for (int i = 0; i < e.length; i++) {
                e[i] -= other.exponents[i];
            }
            return new Monomial(e);
        }
    }

    private static final Comparator<Monomial> LEX_DESCENDING = (a, b) -> {
        for (int i = 0; i < a.exponents.length; i++) {
            int c = Integer.compare(b.exponents[i], a.exponents[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private final int variables;
    private final TreeMap<Monomial, Rational> terms;

    private Poly(int variables, TreeMap<Monomial, Rational> terms) {
        this.variables = variables;
        this.terms = terms;
    }

    static Poly zero(int variables) {
        return new Poly(variables, new TreeMap<>(LEX_DESCENDING));
    }

    static Poly constant(int variables, Rational value) {
        Poly p = zero(variables);
        if (!value.isZero()) {
            p.terms.put(new Monomial(new int[variables]), value);
        }
        return p;
    }

    static Poly variable(int variables, int index) {
        int[] e = new int[variables];
        e[index] = 1;
        Poly p = zero(variables);
        p.terms.put(new Monomial(e), Rational.ONE);
        return p;
    }

    int variableCount() {
        return variables;
    }

    Map<Monomial, Rational> terms() {
        return Collections.unmodifiableMap(terms);
    }

    boolean isZero() {
        return terms.isEmpty();
    }

    boolean isConstant() {
        return terms.isEmpty() || (terms.size() == 1 && terms.firstKey().totalDegree() == 0);
    }

    Rational constantValue() {
        return terms.isEmpty() ? Rational.ZERO : terms.getOrDefault(new Monomial(new int[variables]), Rational.ZERO);
    }

    Monomial leadingMonomial() {
        return terms.firstKey();
    }

    Rational leadingCoefficient() {
        return terms.firstEntry().getValue();
    }

    Poly add(Poly other) {
        TreeMap<Monomial, Rational> sum = new TreeMap<>(terms);
        other.terms.forEach((m, c) -> {
            Rational merged = sum.getOrDefault(m, Rational.ZERO).add(c);
            if (merged.isZero()) {
                sum.remove(m);
            } else {
                sum.put(m, merged);
            }
        });
        return new Poly(variables, sum);
    }

    Poly negate() {
        return scale(Rational.MINUS_ONE);
    }

    Poly subtract(Poly other) {
        return add(other.negate());
    }

    Poly scale(Rational factor) {
        if (factor.isZero()) {
            return zero(variables);
        }
        TreeMap<Monomial, Rational> scaled = new TreeMap<>(LEX_DESCENDING);
        terms.forEach((m, c) -> scaled.put(m, c.multiply(factor)));
        return new Poly(variables, scaled);
    }

    Poly multiply(Poly other) {
        Deadline.check();
        TreeMap<Monomial, Rational> product = new TreeMap<>(LEX_DESCENDING);
        for (Map.Entry<Monomial, Rational> a : terms.entrySet()) {
            for (Map.Entry<Monomial, Rational> b : other.terms.entrySet()) {
                Monomial m = a.getKey().times(b.getKey());
                Rational c =
                        product.getOrDefault(m, Rational.ZERO).add(a.getValue().multiply(b.getValue()));
                if (c.isZero()) {
                    product.remove(m);
                } else {
                    product.put(m, c);
                }
            }
        }
        return new Poly(variables, product);
    }

    private Poly multiplyTerm(Monomial m, Rational c) {
        TreeMap<Monomial, Rational> product = new TreeMap<>(LEX_DESCENDING);
        terms.forEach((k, v) -> product.put(k.times(m), v.multiply(c)));
        return new Poly(variables, product);
    }

    Poly pow(int n) {
        Poly result = constant(variables, Rational.ONE);
        Poly square = this;
        for (int k = n; k > 0; k >>= 1) {
            if ((k & 1) == 1) {
                result = result.multiply(square);
            }
            if (k > 1) {
                square = square.multiply(square);
            }
        }
        return result;
    }

    int degree(int variable) {
        int d = -1;
        for (Monomial m : terms.keySet()) {
            d = Math.max(d, m.exponents[variable]);
        }
        return d;
    }

    boolean dependsOn(int variable) {
        return degree(variable) > 0;
    }

    /** The coefficient of variable^k, a polynomial free of that variable. */
    Poly coefficient(int variable, int k) {
        Poly c = zero(variables);
        terms.forEach((m, v) -> {
            if (m.exponents[variable] == k) {
                int[] e = m.exponents.clone();
                e[variable] = 0;
                c.terms.put(new Monomial(e), v);
            }
        });
        return c;
    }

    Poly derivative(int variable) {
        Poly d = zero(variables);
        terms.forEach((m, v) -> {
            int k = m.exponents[variable];
            if (k > 0) {
                int[] e = m.exponents.clone();
                e[variable] = k - 1;
                d.terms.merge(new Monomial(e), v.multiply(Rational.of(k)), Rational::add);
            }
        });
        d.terms.values().removeIf(Rational::isZero);
        return d;
    }

    /** This polynomial divided exactly by {@code divisor}, or null when the division leaves a remainder. */
    Poly divideExact(Poly divisor) {
        if (divisor.isZero()) {
            throw new ArithmeticException("division by the zero polynomial");
        }
        Poly quotient = zero(variables);
        Poly rest = this;
        Monomial lead = divisor.leadingMonomial();
        Rational leadCoefficient = divisor.leadingCoefficient();
        while (!rest.isZero()) {
            Deadline.check();
            Monomial m = rest.leadingMonomial();
            if (!lead.divides(m)) {
                return null;
            }
            Monomial q = m.over(lead);
            Rational c = rest.leadingCoefficient().divide(leadCoefficient);
            quotient.terms.put(q, c);
            rest = rest.subtract(divisor.multiplyTerm(q, c));
        }
        return quotient;
    }

    /** The pseudo-remainder of this by {@code divisor} as polynomials in {@code variable}. */
    Poly pseudoRemainder(Poly divisor, int variable) {
        int d = divisor.degree(variable);
        Poly lc = divisor.coefficient(variable, d);
        Poly rest = this;
        int[] e = new int[variables];
        while (!rest.isZero() && rest.degree(variable) >= d) {
            Deadline.check();
            int k = rest.degree(variable);
            Poly restLead = rest.coefficient(variable, k);
            e[variable] = k - d;
            Poly shift = restLead.multiplyTerm(new Monomial(e.clone()), Rational.ONE);
            rest = rest.multiply(lc).subtract(divisor.multiply(shift));
        }
        return rest;
    }

    /** The content: the gcd of the coefficients of this as a polynomial in {@code variable}. */
    Poly content(int variable) {
        Poly g = zero(variables);
        for (int k = degree(variable); k >= 0; k--) {
            Poly c = coefficient(variable, k);
            if (!c.isZero()) {
                g = gcd(g, c);
                if (g.isConstant()) {
                    return constant(variables, Rational.ONE);
                }
            }
        }
        return g;
    }

    /** This polynomial divided by its numeric content: integer coefficients with gcd 1 (the sign is kept). */
    Poly primitiveOverIntegers() {
        return isZero() ? this : scale(numericContent().reciprocal());
    }

    /** This polynomial scaled so its leading coefficient is 1. */
    Poly monic() {
        return isZero() ? this : scale(leadingCoefficient().reciprocal());
    }

    /** The greatest common divisor, monic (leading coefficient 1 in lexicographic order); gcd(0, 0) = 0. */
    static Poly gcd(Poly a, Poly b) {
        if (a.isZero()) {
            return b.monic();
        }
        if (b.isZero()) {
            return a.monic();
        }
        if (a.isConstant() || b.isConstant()) {
            return constant(a.variables, Rational.ONE);
        }
        int variable = mainVariable(a, b);
        if (!a.dependsOn(variable)) {
            return gcd(a, b.content(variable));
        }
        if (!b.dependsOn(variable)) {
            return gcd(a.content(variable), b);
        }
        Poly contentA = a.content(variable);
        Poly contentB = b.content(variable);
        Poly contentGcd = gcd(contentA, contentB);
        Poly p = a.divideExact(contentA).primitiveOverIntegers();
        Poly q = b.divideExact(contentB).primitiveOverIntegers();
        if (p.degree(variable) < q.degree(variable)) {
            Poly swap = p;
            p = q;
            q = swap;
        }
        // Primitive PRS: each remainder loses its content, polynomial and numeric, so coefficients stay as small as
        // the gcd allows (the naive pseudo-remainder sequence grows them exponentially: ARD with c = 2 never finished).
        while (true) {
            Deadline.check();
            Poly r = p.pseudoRemainder(q, variable);
            if (r.isZero()) {
                break;
            }
            if (r.degree(variable) <= 0) {
                return contentGcd.monic();
            }
            p = q;
            q = r.divideExact(r.content(variable)).primitiveOverIntegers();
        }
        Poly primitive = q.divideExact(q.content(variable));
        return contentGcd.multiply(primitive).monic();
    }

    private static int mainVariable(Poly a, Poly b) {
        for (int v = 0; v < a.variables; v++) {
            if (a.dependsOn(v) || b.dependsOn(v)) {
                return v;
            }
        }
        throw new IllegalStateException("constant polynomials have no main variable");
    }

    /** The gcd of the numerators over the lcm of the denominators of the coefficients, positive. */
    Rational numericContent() {
        BigInteger numerators = BigInteger.ZERO;
        BigInteger denominators = BigInteger.ONE;
        for (Rational c : terms.values()) {
            numerators = numerators.gcd(c.numerator());
            denominators =
                    denominators.divide(denominators.gcd(c.denominator())).multiply(c.denominator());
        }
        return numerators.signum() == 0 ? Rational.ONE : new Rational(numerators, denominators);
    }

    /** The largest monomial dividing every term. */
    Monomial monomialContent() {
        int[] e = null;
        for (Monomial m : terms.keySet()) {
            if (e == null) {
                e = m.exponents.clone();
            } else {
                for (int i = 0; i < e.length; i++) {
                    e[i] = Math.min(e[i], m.exponents[i]);
                }
            }
        }
        return new Monomial(e == null ? new int[variables] : e);
    }

    Poly divideByMonomial(Monomial m) {
        TreeMap<Monomial, Rational> quotient = new TreeMap<>(LEX_DESCENDING);
        terms.forEach((k, v) -> quotient.put(k.over(m), v));
        return new Poly(variables, quotient);
    }

    /** The polynomial q with q^2 = this, or null when there is none with rational coefficients. */
    Poly exactSquareRoot() {
        if (isZero()) {
            return this;
        }
        Poly root = zero(variables);
        Poly rest = this;
        for (int guard = 0; !rest.isZero() && guard <= terms.size() + 1; guard++) {
            Monomial lead = rest.leadingMonomial();
            Rational c = rest.leadingCoefficient();
            if (root.isZero()) {
                Rational r = c.exactRoot(2);
                int[] half = lead.exponents().clone();
                for (int i = 0; i < half.length; i++) {
                    if (half[i] % 2 != 0) {
                        return null;
                    }
                    half[i] /= 2;
                }
                if (r == null) {
                    return null;
                }
                root.terms.put(new Monomial(half), r);
            } else {
                Monomial rootLead = root.leadingMonomial();
                if (!rootLead.divides(lead)) {
                    return null;
                }
                Rational next = c.divide(root.leadingCoefficient().multiply(Rational.of(2)));
                root = root.add(zero(variables).addTerm(lead.over(rootLead), next));
            }
            rest = subtract(root.multiply(root));
        }
        return rest.isZero() ? root : null;
    }

    private Poly addTerm(Monomial m, Rational c) {
        TreeMap<Monomial, Rational> copy = new TreeMap<>(terms);
        copy.merge(m, c, Rational::add);
        copy.values().removeIf(Rational::isZero);
        return new Poly(variables, copy);
    }

    double evaluate(double[] values) {
        double total = 0;
        for (Map.Entry<Monomial, Rational> term : terms.entrySet()) {
            double product = term.getValue().toDouble();
            int[] e = term.getKey().exponents;
            for (int i = 0; i < e.length; i++) {
                if (e[i] != 0) {
                    product *= Math.pow(values[i], e[i]);
                }
            }
            total += product;
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Poly p && p.variables == variables && p.terms.equals(terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    @Override
    public String toString() {
        return terms.toString();
    }
}

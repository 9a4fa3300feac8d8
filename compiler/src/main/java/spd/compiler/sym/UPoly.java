package spd.compiler.sym;

import java.util.ArrayList;
import java.util.List;
import spd.compiler.numeric.Deadline;

/**
 * A polynomial in one kernel x (the integration variable) whose coefficients are rational functions of the other
 * kernels (the constants): arithmetic over that field, division with remainder, gcd and square-free factorisation.
 */
final class UPoly {
    private final int variable;
    private final int ringSize;
    /** Coefficients from x^0 up; the last one is nonzero (or the list is empty for 0). */
    private final List<RatFun> coefficients;

    private UPoly(int variable, int ringSize, List<RatFun> coefficients) {
        this.variable = variable;
        this.ringSize = ringSize;
        List<RatFun> trimmed = new ArrayList<>(coefficients);
        while (!trimmed.isEmpty() && trimmed.get(trimmed.size() - 1).isZero()) {
            trimmed.remove(trimmed.size() - 1);
        }
        this.coefficients = List.copyOf(trimmed);
    }

    /** The polynomial p of the ring viewed in x = kernel {@code variable}. */
    static UPoly of(Poly p, int variable) {
        List<RatFun> coefficients = new ArrayList<>();
        for (int k = 0; k <= Math.max(p.degree(variable), 0); k++) {
            coefficients.add(RatFun.polynomial(p.coefficient(variable, k)));
        }
        return new UPoly(variable, p.variableCount(), coefficients);
    }

    static UPoly constant(int variable, int ringSize, RatFun c) {
        return new UPoly(variable, ringSize, List.of(c));
    }

    /** x - r */
    static UPoly linear(int variable, int ringSize, RatFun root) {
        return new UPoly(variable, ringSize, List.of(root.negate(), RatFun.constant(ringSize, Rational.ONE)));
    }

    int degree() {
        return coefficients.size() - 1;
    }

    boolean isZero() {
        return coefficients.isEmpty();
    }

    RatFun coefficient(int k) {
        return k < coefficients.size() ? coefficients.get(k) : RatFun.constant(ringSize, Rational.ZERO);
    }

    RatFun lead() {
        return coefficients.get(coefficients.size() - 1);
    }

    private UPoly with(List<RatFun> c) {
        return new UPoly(variable, ringSize, c);
    }

    UPoly add(UPoly o) {
        List<RatFun> c = new ArrayList<>();
        for (int k = 0; k <= Math.max(degree(), o.degree()); k++) {
            c.add(coefficient(k).add(o.coefficient(k)));
        }
        return with(c);
    }

    UPoly subtract(UPoly o) {
        return add(o.scale(RatFun.constant(ringSize, Rational.MINUS_ONE)));
    }

    UPoly scale(RatFun factor) {
        return with(coefficients.stream().map(c -> c.multiply(factor)).toList());
    }

    UPoly multiply(UPoly o) {
        if (isZero() || o.isZero()) {
            return with(List.of());
        }
        List<RatFun> c = new ArrayList<>();
        for (int k = 0; k <= degree() + o.degree(); k++) {
            c.add(RatFun.constant(ringSize, Rational.ZERO));
        }
        for (int i = 0; i <= degree(); i++) {
            for (int j = 0; j <= o.degree(); j++) {
                c.set(i + j, c.get(i + j).add(coefficients.get(i).multiply(o.coefficients.get(j))));
            }
        }
        return with(c);
    }

    UPoly pow(int n) {
        UPoly result = constant(variable, ringSize, RatFun.constant(ringSize, Rational.ONE));
        for (int i = 0; i < n; i++) {
            result = result.multiply(this);
        }
        return result;
    }

    /** [quotient, remainder] of division by a nonzero divisor. */
    UPoly[] divideWithRemainder(UPoly divisor) {
        List<RatFun> quotient = new ArrayList<>();
        for (int k = 0; k <= Math.max(degree() - divisor.degree(), 0); k++) {
            quotient.add(RatFun.constant(ringSize, Rational.ZERO));
        }
        UPoly rest = this;
        while (!rest.isZero() && rest.degree() >= divisor.degree()) {
            Deadline.check();
            int shift = rest.degree() - divisor.degree();
            RatFun factor = rest.lead().divide(divisor.lead());
            quotient.set(shift, factor);
            rest = rest.subtract(divisor.shifted(shift).scale(factor));
        }
        return new UPoly[] {with(quotient), rest};
    }

    private UPoly shifted(int k) {
        List<RatFun> c = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            c.add(RatFun.constant(ringSize, Rational.ZERO));
        }
        c.addAll(coefficients);
        return with(c);
    }

    UPoly monic() {
        return isZero() ? this : scale(lead().reciprocal());
    }

    UPoly derivative() {
        List<RatFun> c = new ArrayList<>();
        for (int k = 1; k <= degree(); k++) {
            c.add(coefficients.get(k).multiply(RatFun.constant(ringSize, Rational.of(k))));
        }
        return with(c);
    }

    static UPoly gcd(UPoly a, UPoly b) {
        while (!b.isZero()) {
            Deadline.check();
            UPoly r = a.divideWithRemainder(b)[1];
            a = b;
            b = r;
        }
        return a.monic();
    }

    /** Yun's square-free factorisation of a monic polynomial: factors s_1, s_2, ... with this = prod s_i^i. */
    List<UPoly> squareFree() {
        List<UPoly> factors = new ArrayList<>();
        UPoly derivative = derivative();
        UPoly a = gcd(this, derivative);
        UPoly b = divideWithRemainder(a)[0];
        UPoly c = derivative.divideWithRemainder(a)[0];
        UPoly d = c.subtract(b.derivative());
        while (b.degree() > 0) {
            UPoly s = gcd(b, d);
            factors.add(s);
            b = b.divideWithRemainder(s)[0];
            c = d.divideWithRemainder(s)[0];
            d = c.subtract(b.derivative());
        }
        return factors;
    }

    /** The value at x = r, by Horner's rule. */
    RatFun evaluate(RatFun r) {
        RatFun value = RatFun.constant(ringSize, Rational.ZERO);
        for (int k = degree(); k >= 0; k--) {
            value = value.multiply(r).add(coefficients.get(k));
        }
        return value;
    }

    Expr toExpr(PolyRing ring) {
        List<Expr> terms = new ArrayList<>();
        Expr x = ring.kernel(variable);
        for (int k = 0; k <= degree(); k++) {
            terms.add(Expr.mul(ring.toExpr(coefficients.get(k)), Expr.pow(x, Expr.number(k))));
        }
        return Expr.sum(terms);
    }
}

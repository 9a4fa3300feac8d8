package spd.compiler.sym;

/**
 * A rational function num/den over the kernels of a {@link PolyRing}, kept in lowest terms with a monic denominator;
 * the arithmetic of a field.
 */
record RatFun(Poly num, Poly den) {

    static RatFun of(Poly num, Poly den) {
        if (den.isZero()) {
            throw new ArithmeticException("division by zero in a rational function");
        }
        if (num.isZero()) {
            return new RatFun(num, Poly.constant(num.variableCount(), Rational.ONE));
        }
        Poly g = Poly.gcd(num, den);
        if (!g.isConstant()) {
            num = num.divideExact(g);
            den = den.divideExact(g);
        }
        Rational lead = den.leadingCoefficient();
        return new RatFun(num.scale(lead.reciprocal()), den.scale(lead.reciprocal()));
    }

    static RatFun constant(int variables, Rational value) {
        return new RatFun(Poly.constant(variables, value), Poly.constant(variables, Rational.ONE));
    }

    static RatFun polynomial(Poly p) {
        return new RatFun(p, Poly.constant(p.variableCount(), Rational.ONE));
    }

    boolean isZero() {
        return num.isZero();
    }

    boolean isPolynomial() {
        return den.isConstant();
    }

    boolean isConstant() {
        return num.isConstant() && den.isConstant();
    }

    RatFun add(RatFun other) {
        if (den.equals(other.den)) {
            return of(num.add(other.num), den);
        }
        return of(num.multiply(other.den).add(other.num.multiply(den)), den.multiply(other.den));
    }

    RatFun subtract(RatFun other) {
        return add(other.negate());
    }

    RatFun negate() {
        return new RatFun(num.negate(), den);
    }

    RatFun multiply(RatFun other) {
        return of(num.multiply(other.num), den.multiply(other.den));
    }

    RatFun divide(RatFun other) {
        if (other.isZero()) {
            throw new ArithmeticException("division by zero in a rational function");
        }
        return of(num.multiply(other.den), den.multiply(other.num));
    }

    RatFun reciprocal() {
        return of(den, num);
    }

    RatFun pow(int n) {
        return n >= 0 ? new RatFun(num.pow(n), den.pow(n)) : reciprocal().pow(-n);
    }

    RatFun derivative(int variable) {
        // (n/d)' = (n' d - n d') / d^2
        return of(
                num.derivative(variable).multiply(den).subtract(num.multiply(den.derivative(variable))),
                den.multiply(den));
    }

    boolean dependsOn(int variable) {
        return num.dependsOn(variable) || den.dependsOn(variable);
    }

    double evaluate(double[] values) {
        return num.evaluate(values) / den.evaluate(values);
    }
}

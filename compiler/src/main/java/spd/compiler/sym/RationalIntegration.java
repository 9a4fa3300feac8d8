package spd.compiler.sym;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.numeric.Deadline;

/**
 * Antiderivatives of rational functions of x with symbolic coefficients: polynomial division, square-free
 * factorisation, splitting into linear and quadratic factors, partial fractions by undetermined coefficients, then the
 * power, log and arctan rules.
 */
final class RationalIntegration {
    private final PolyRing ring;
    private final Expr x;
    private final double[] kernelValues;
    private final List<String> rules;

    private RationalIntegration(PolyRing ring, Map<String, Double> constants, List<String> rules) {
        this.ring = ring;
        this.x = ring.kernel(0);
        this.rules = rules;
        this.kernelValues = new double[ring.size()];
        for (int i = 1; i < ring.size(); i++) {
            kernelValues[i] = ring.kernel(i).evaluate(constants);
        }
    }

    /** A factor of the denominator with its multiplicity. */
    private record Factor(UPoly polynomial, int multiplicity) {}

    /**
     * An antiderivative of f in x when f is a rational function of x (its other kernels free of x), else empty.
     *
     * @param constants values of the constants, to decide the sign of discriminants
     * @param rules receives the names of the rules used
     */
    static Optional<Expr> antiderivative(Expr f, Sym x, Map<String, Double> constants, List<String> rules) {
        PolyRing ring = PolyRing.of(List.of(f), Optional.of(x));
        for (int i = 1; i < ring.size(); i++) {
            if (ring.kernel(i).dependsOn(x.name())) {
                return Optional.empty();
            }
        }
        try {
            return new RationalIntegration(ring, constants, rules).integrate(ring.toRatFun(f));
        } catch (IllegalArgumentException | ArithmeticException unknownConstant) {
            return Optional.empty();
        }
    }

    private Optional<Expr> integrate(RatFun f) {
        UPoly numerator = UPoly.of(f.num(), 0);
        UPoly denominator = UPoly.of(f.den(), 0);
        UPoly[] division = numerator.divideWithRemainder(denominator);
        List<Expr> terms = new ArrayList<>();
        if (!division[0].isZero()) {
            rules.add(denominator.degree() == 0 ? "polynomial" : "polynomial-division");
            terms.add(integratePolynomial(division[0]));
        }
        UPoly remainder = division[1];
        if (remainder.isZero()) {
            return Optional.of(Expr.sum(terms));
        }
        RatFun lead = denominator.lead();
        UPoly monic = denominator.monic();
        remainder = remainder.scale(lead.reciprocal());
        List<Factor> factors = factor(monic);
        if (factors == null) {
            return Optional.empty();
        }
        List<RatFun> coefficients = partialFractionCoefficients(remainder, monic, factors);
        if (coefficients == null) {
            return Optional.empty();
        }
        rules.add("partial-fractions");
        int next = 0;
        for (Factor factor : factors) {
            int degree = factor.polynomial().degree();
            for (int k = 1; k <= factor.multiplicity(); k++) {
                List<RatFun> numeratorCoefficients = coefficients.subList(next, next + degree);
                next += degree;
                Optional<Expr> term = integrateFraction(numeratorCoefficients, factor.polynomial(), k);
                if (term.isEmpty()) {
                    return Optional.empty();
                }
                terms.add(term.get());
            }
        }
        return Optional.of(Expr.sum(terms));
    }

    private Expr integratePolynomial(UPoly q) {
        List<Expr> terms = new ArrayList<>();
        for (int k = 0; k <= q.degree(); k++) {
            Expr c = ring.toExpr(q.coefficient(k));
            terms.add(Expr.mul(Expr.div(c, Expr.number(k + 1)), Expr.pow(x, Expr.number(k + 1))));
        }
        return Expr.sum(terms);
    }

    // ------------------------------------------------------------------ factoring

    private List<Factor> factor(UPoly monic) {
        List<Factor> factors = new ArrayList<>();
        List<UPoly> squareFree = monic.squareFree();
        for (int i = 0; i < squareFree.size(); i++) {
            List<UPoly> parts = split(squareFree.get(i));
            if (parts == null) {
                return null;
            }
            for (UPoly part : parts) {
                factors.add(new Factor(part, i + 1));
            }
        }
        return factors;
    }

    /** A square-free monic polynomial as linear and irreducible quadratic factors, or null when that fails. */
    private List<UPoly> split(UPoly s) {
        List<UPoly> parts = new ArrayList<>();
        if (s.degree() <= 0) {
            return parts;
        }
        if (s.degree() == 1) {
            parts.add(s);
            return parts;
        }
        RatFun zero = RatFun.constant(ring.size(), Rational.ZERO);
        if (s.coefficient(0).isZero()) {
            UPoly root = UPoly.linear(0, ring.size(), zero);
            List<UPoly> rest = split(s.divideWithRemainder(root)[0]);
            if (rest == null) {
                return null;
            }
            parts.add(root);
            parts.addAll(rest);
            return parts;
        }
        if (s.degree() == 2) {
            RatFun p = s.coefficient(1);
            RatFun q = s.coefficient(0);
            RatFun discriminant = p.multiply(p).subtract(q.multiply(RatFun.constant(ring.size(), Rational.of(4))));
            RatFun root = squareRoot(discriminant);
            if (root != null) {
                RatFun half = RatFun.constant(ring.size(), Rational.HALF);
                parts.add(UPoly.linear(0, ring.size(), p.negate().add(root).multiply(half)));
                parts.add(UPoly.linear(0, ring.size(), p.negate().subtract(root).multiply(half)));
            } else {
                parts.add(s);
            }
            return parts;
        }
        return null;
    }

    private static RatFun squareRoot(RatFun r) {
        Poly num = r.num().exactSquareRoot();
        Poly den = r.den().exactSquareRoot();
        if (num != null && den != null) {
            return RatFun.of(num, den);
        }
        Poly both = r.num().multiply(r.den()).exactSquareRoot();
        return both == null ? null : RatFun.of(both, r.den());
    }

    // ------------------------------------------------------------------ partial fractions

    /**
     * Coefficients a such that remainder/monic = sum over factors F^k (k up to its multiplicity) of (a_0 + a_1 x + ...) /
     * F^k, in factor order; null when the linear system is singular (it is not, for a correct factorisation).
     */
    private List<RatFun> partialFractionCoefficients(UPoly remainder, UPoly monic, List<Factor> factors) {
        int n = monic.degree();
        List<UPoly> basis = new ArrayList<>();
        for (Factor factor : factors) {
            for (int k = 1; k <= factor.multiplicity(); k++) {
                UPoly cofactor = monic.divideWithRemainder(factor.polynomial().pow(k))[0];
                for (int e = 0; e < factor.polynomial().degree(); e++) {
                    basis.add(cofactor.multiply(monomial(e)));
                }
            }
        }
        if (basis.size() != n) {
            return null;
        }
        RatFun[][] matrix = new RatFun[n][n + 1];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                matrix[row][col] = basis.get(col).coefficient(row);
            }
            matrix[row][n] = remainder.coefficient(row);
        }
        return solve(matrix, n);
    }

    private UPoly monomial(int e) {
        UPoly x1 = UPoly.linear(0, ring.size(), RatFun.constant(ring.size(), Rational.ZERO));
        return x1.pow(e);
    }

    /** Gauss-Jordan elimination over the field of rational functions. */
    private static List<RatFun> solve(RatFun[][] m, int n) {
        for (int col = 0; col < n; col++) {
            Deadline.check();
            int pivot = col;
            while (pivot < n && m[pivot][col].isZero()) {
                pivot++;
            }
            if (pivot == n) {
                return null;
            }
            RatFun[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            RatFun inverse = m[col][col].reciprocal();
            for (int j = col; j <= n; j++) {
                m[col][j] = m[col][j].multiply(inverse);
            }
            for (int row = 0; row < n; row++) {
                if (row != col && !m[row][col].isZero()) {
                    RatFun factor = m[row][col];
                    for (int j = col; j <= n; j++) {
                        m[row][j] = m[row][j].subtract(factor.multiply(m[col][j]));
                    }
                }
            }
        }
        List<RatFun> solution = new ArrayList<>();
        for (int row = 0; row < n; row++) {
            solution.add(m[row][n]);
        }
        return solution;
    }

    // ------------------------------------------------------------------ elementary fractions

    private Optional<Expr> integrateFraction(List<RatFun> numerator, UPoly factor, int power) {
        if (numerator.stream().allMatch(RatFun::isZero)) {
            return Optional.of(Expr.ZERO);
        }
        if (factor.degree() == 1) {
            Expr a = ring.toExpr(numerator.get(0));
            Expr base = factor.toExpr(ring);
            if (power == 1) {
                rules.add("log-rule");
                return Optional.of(Expr.mul(a, Expr.log(Expr.abs(base))));
            }
            rules.add("power-rule");
            return Optional.of(Expr.mul(Expr.div(a, Expr.number(1 - power)), Expr.pow(base, Expr.number(1 - power))));
        }
        if (power > 1) {
            return Optional.empty();
        }
        return quadratic(numerator.get(1), numerator.get(0), factor);
    }

    /** The integral of (b x + c)/(x^2 + p x + q) for an irreducible quadratic. */
    private Optional<Expr> quadratic(RatFun b, RatFun c, UPoly factor) {
        RatFun half = RatFun.constant(ring.size(), Rational.HALF);
        RatFun p = factor.coefficient(1);
        RatFun q = factor.coefficient(0);
        RatFun shift = p.multiply(half);
        RatFun delta = q.subtract(shift.multiply(shift));
        Expr quadraticExpr = factor.toExpr(ring);
        Expr logPart = Expr.mul(ring.toExpr(b.multiply(half)), Expr.log(Expr.abs(quadraticExpr)));
        RatFun linearWeight = c.subtract(b.multiply(shift));
        if (linearWeight.isZero()) {
            rules.add("log-rule");
            return Optional.of(logPart);
        }
        Expr u = Expr.add(x, ring.toExpr(shift));
        double deltaValue = delta.evaluate(kernelValues);
        if (!(deltaValue > 0 || deltaValue < 0)) {
            return Optional.empty();
        }
        Expr rest;
        if (deltaValue > 0) {
            rules.add("arctan-rule");
            Expr root = Expr.sqrt(ring.toExpr(delta));
            rest = Expr.div(Expr.call(Builtin.ATAN, Expr.div(u, root)), root);
        } else {
            rules.add("log-ratio-rule");
            Expr root = Expr.sqrt(ring.toExpr(delta.negate()));
            Expr ratio = Expr.div(Expr.sub(u, root), Expr.add(u, root));
            rest = Expr.div(Expr.log(Expr.abs(ratio)), Expr.mul(Expr.TWO, root));
        }
        return Optional.of(Expr.add(logPart, Expr.mul(ring.toExpr(linearWeight), rest)));
    }
}

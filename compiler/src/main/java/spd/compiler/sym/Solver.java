package spd.compiler.sym;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inverts a monotone function of one variable symbolically: y = f(x) solved for x on x's range. Candidates come from
 * isolating x through invertible functions (exp, log, powers, affine maps) and from the linear and quadratic formulas;
 * the candidate returned is the one that reproduces x = x(f(x)) at sample points of the range, so a wrong branch of a
 * square root is never chosen.
 */
public final class Solver {
    private static final double CHECK_TOLERANCE = 1e-9;

    private Solver() {}

    /**
     * The inverse of {@code f} (a function of {@code x}) as an expression in {@code y}, valid on the range of x given by
     * the assumptions, or empty when no rule finds one that checks.
     */
    public static Optional<Expr> invert(Expr f, String x, String y, Assumptions assumptions) {
        return Effort.bounded("inversion", f, () -> invertUnbounded(f, x, y, assumptions), Optional::empty);
    }

    private static Optional<Expr> invertUnbounded(Expr f, String x, String y, Assumptions assumptions) {
        Expr normalized = Simplifier.normalize(f, assumptions);
        Sym ySymbol = new Sym(y);
        List<Expr> candidates = new ArrayList<>();
        isolate(normalized, ySymbol, x, candidates);
        polynomialRoots(normalized, ySymbol, x, candidates);
        for (Expr candidate : candidates) {
            Expr simplified = Simplifier.simplify(candidate, assumptions.with(y, Interval.POSITIVE), Rewrites.NORMALIZE)
                    .expr();
            if (reproduces(f, simplified, x, y, assumptions)) {
                return Optional.of(simplified);
            }
        }
        return Optional.empty();
    }

    /** Peels invertible outer functions off f = target: exp, log, powers with constant exponent, c*u, u + c. */
    private static void isolate(Expr f, Expr target, String x, List<Expr> out) {
        if (f.equals(new Sym(x))) {
            out.add(target);
            return;
        }
        switch (f) {
            case Call c when c.function() == Builtin.EXP -> isolate(c.arg(), Expr.log(target), x, out);
            case Call c when c.function() == Builtin.LOG -> isolate(c.arg(), Expr.exp(target), x, out);
            case Pow p
            when !p.exponent().dependsOn(x) ->
                isolate(p.base(), Expr.pow(target, Expr.pow(p.exponent(), Expr.MINUS_ONE)), x, out);
            case Product p -> {
                List<Expr> dependent =
                        p.factors().stream().filter(e -> e.dependsOn(x)).toList();
                if (dependent.size() == 1) {
                    Expr constant = Expr.product(
                            p.factors().stream().filter(e -> !e.dependsOn(x)).toList());
                    isolate(dependent.get(0), Expr.div(target, constant), x, out);
                }
            }
            case Sum s -> {
                List<Expr> dependent =
                        s.terms().stream().filter(e -> e.dependsOn(x)).toList();
                if (dependent.size() == 1) {
                    Expr constant = Expr.sum(
                            s.terms().stream().filter(e -> !e.dependsOn(x)).toList());
                    isolate(dependent.get(0), Expr.sub(target, constant), x, out);
                }
            }
            default -> {}
        }
    }

    /** Roots of numerator(f - y) when it is a polynomial of degree 1 or 2 in x. */
    private static void polynomialRoots(Expr f, Sym y, String x, List<Expr> out) {
        Sym xs = new Sym(x);
        Expr equation = Expr.sub(f, y);
        PolyRing ring = PolyRing.of(List.of(equation), Optional.of(xs));
        for (int i = 1; i < ring.size(); i++) {
            if (ring.kernel(i).dependsOn(x)) {
                return;
            }
        }
        RatFun r;
        try {
            r = ring.toRatFun(equation);
        } catch (ArithmeticException infinite) {
            return;
        }
        UPoly p = UPoly.of(r.num(), 0);
        if (p.degree() == 1) {
            out.add(ring.toExpr(p.coefficient(0).negate().divide(p.coefficient(1))));
        } else if (p.degree() == 2) {
            RatFun a = p.coefficient(2);
            RatFun b = p.coefficient(1);
            RatFun c = p.coefficient(0);
            RatFun discriminant =
                    b.multiply(b).subtract(a.multiply(c).multiply(RatFun.constant(ring.size(), Rational.of(4))));
            Expr root = Expr.sqrt(ring.toExpr(discriminant));
            Expr minusB = ring.toExpr(b.negate());
            Expr twoA = Expr.mul(Expr.TWO, ring.toExpr(a));
            out.add(Expr.div(Expr.add(minusB, root), twoA));
            out.add(Expr.div(Expr.sub(minusB, root), twoA));
        }
    }

    /** Whether x(f(x_s)) = x_s at sample points x_s of x's range where f is finite and positive. */
    private static boolean reproduces(Expr f, Expr inverse, String x, String y, Assumptions assumptions) {
        Map<String, Double> values = new HashMap<>(assumptions.pointValues());
        int checked = 0;
        for (double point : Integrator.samplePoints(assumptions.rangeOf(x))) {
            values.put(x, point);
            try {
                double fx = f.evaluate(values);
                if (!Double.isFinite(fx)) {
                    continue;
                }
                Map<String, Double> atY = new HashMap<>(assumptions.pointValues());
                atY.put(y, fx);
                double back = inverse.evaluate(atY);
                if (!(Math.abs(back - point) <= CHECK_TOLERANCE * Math.max(1, Math.abs(point)))) {
                    return false;
                }
                checked++;
            } catch (IllegalArgumentException unknownSymbol) {
                return false;
            }
        }
        return checked >= 3;
    }
}

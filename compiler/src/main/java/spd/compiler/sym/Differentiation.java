package spd.compiler.sym;

import java.util.ArrayList;
import java.util.List;

/** Symbolic differentiation; the result is canonical but not otherwise simplified. */
final class Differentiation {
    private Differentiation() {}

    static Expr derivative(Expr e, String x) {
        if (!e.dependsOn(x)) {
            return Expr.ZERO;
        }
        return switch (e) {
            case Num n -> Expr.ZERO;
            case NamedConstant c -> Expr.ZERO;
            case Infinity i -> Expr.ZERO;
            case Sym s -> Expr.ONE;
            case Sum s -> Expr.sum(s.terms().stream().map(t -> derivative(t, x)).toList());
            case Product p -> productRule(p, x);
            case Pow p -> power(p, x);
            // d|u| = sign(u) du: at u = 0 this is the subgradient 0.
            case Abs a -> Expr.mul(Expr.call(Builtin.SIGN, a.argument()), derivative(a.argument(), x));
            case Call c -> chainRule(c, x);
            case Piecewise p ->
                Expr.piecewise(
                        p.pieces().stream()
                                .map(piece -> new Piece(piece.when(), derivative(piece.value(), x)))
                                .toList(),
                        derivative(p.otherwise(), x));
        };
    }

    private static Expr productRule(Product p, String x) {
        List<Expr> terms = new ArrayList<>();
        List<Expr> factors = p.factors();
        for (int i = 0; i < factors.size(); i++) {
            Expr d = derivative(factors.get(i), x);
            if (d.equals(Expr.ZERO)) {
                continue;
            }
            List<Expr> term = new ArrayList<>(factors);
            term.set(i, d);
            terms.add(Expr.product(term));
        }
        return Expr.sum(terms);
    }

    private static Expr power(Pow p, String x) {
        Expr base = p.base();
        Expr exponent = p.exponent();
        if (!exponent.dependsOn(x)) {
            // d(u^n) = n u^(n-1) du
            return Expr.product(List.of(exponent, Expr.pow(base, Expr.sub(exponent, Expr.ONE)), derivative(base, x)));
        }
        // d(u^v) = u^v (v' log u + v u'/u)
        Expr logarithmic = Expr.mul(derivative(exponent, x), Expr.log(base));
        Expr algebraic = Expr.div(Expr.mul(exponent, derivative(base, x)), base);
        return Expr.mul(p, Expr.add(logarithmic, algebraic));
    }

    private static Expr chainRule(Call c, String x) {
        if (c.function() == Builtin.MIN || c.function() == Builtin.MAX) {
            return minMax(c, x);
        }
        Expr u = c.arg();
        return switch (c.function()) {
            case SuppliedFunction supplied -> Expr.mul(suppliedDerivative(supplied, c.args(), x), derivative(u, x));
            case Builtin builtin -> Expr.mul(outerDerivative(builtin, u), derivative(u, x));
        };
    }

    /** A supplied function's derivative in its first argument; its other arguments are parameters. */
    private static Expr suppliedDerivative(SuppliedFunction f, List<Expr> args, String x) {
        for (int i = 1; i < args.size(); i++) {
            if (args.get(i).dependsOn(x)) {
                throw new NotDifferentiableException(f.spdName() + " has no derivative in its parameters");
            }
        }
        return f.derivative(args)
                .orElseThrow(() -> new NotDifferentiableException(
                        f.spdName() + " is known only numerically; its derivative is computed numerically"));
    }

    /** f'(u) for the one-argument builtins. */
    static Expr outerDerivative(Builtin f, Expr u) {
        return switch (f) {
            case LOG -> Expr.pow(u, Expr.MINUS_ONE);
            case EXP -> Expr.exp(u);
            case SQRT -> Expr.div(Expr.HALF, Expr.sqrt(u));
            case ABS -> Expr.call(Builtin.SIGN, u);
            case SIGN -> Expr.ZERO;
            case SIGMOID -> {
                Expr s = Expr.call(Builtin.SIGMOID, u);
                yield Expr.mul(s, Expr.sub(Expr.ONE, s));
            }
            case TANH -> Expr.sub(Expr.ONE, Expr.pow(Expr.call(Builtin.TANH, u), Expr.TWO));
            case SINH -> Expr.call(Builtin.COSH, u);
            case COSH -> Expr.call(Builtin.SINH, u);
            case SOFTPLUS -> Expr.call(Builtin.SIGMOID, u);
            case ATAN -> Expr.pow(Expr.add(Expr.ONE, Expr.pow(u, Expr.TWO)), Expr.MINUS_ONE);
            case SIN -> Expr.call(Builtin.COS, u);
            case COS -> Expr.neg(Expr.call(Builtin.SIN, u));
            case TAN -> Expr.add(Expr.ONE, Expr.pow(Expr.call(Builtin.TAN, u), Expr.TWO));
            case LOG1P -> Expr.pow(Expr.add(Expr.ONE, u), Expr.MINUS_ONE);
            case EXPM1 -> Expr.exp(u);
            case ERF -> Expr.mul(Expr.div(Expr.TWO, Expr.sqrt(Expr.pi())), Expr.exp(Expr.neg(Expr.pow(u, Expr.TWO))));
            case ERFC ->
                Expr.mul(Expr.div(Expr.number(-2), Expr.sqrt(Expr.pi())), Expr.exp(Expr.neg(Expr.pow(u, Expr.TWO))));
            // D'(u) = 1 - 2 u D(u)
            case DAWSON -> Expr.sub(Expr.ONE, Expr.product(List.of(Expr.TWO, u, Expr.call(Builtin.DAWSON, u))));
            case MIN, MAX -> throw new IllegalStateException(f + " is not a one-argument function");
        };
    }

    private static Expr minMax(Call c, String x) {
        Expr a = c.args().get(0);
        Expr b = c.args().get(1);
        Relation firstWins = c.function() == Builtin.MIN ? Relation.LE : Relation.GE;
        return Expr.piecewise(List.of(new Piece(new Condition(a, firstWins, b), derivative(a, x))), derivative(b, x));
    }
}

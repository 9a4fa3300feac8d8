package spd.compiler.sym;

import java.util.List;
import java.util.Map;

/** Replaces symbols by expressions and rebuilds through the canonicalising constructors. */
final class Substitution {
    private Substitution() {}

    static Expr apply(Expr e, Map<String, Expr> bindings) {
        if (bindings.isEmpty()) {
            return e;
        }
        return switch (e) {
            case Num n -> e;
            case NamedConstant c -> e;
            case Infinity i -> e;
            case Sym s -> bindings.getOrDefault(s.name(), e);
            case Sum s -> Canon.add(map(s.terms(), bindings));
            case Product p -> Canon.mul(map(p.factors(), bindings));
            case Pow p -> Canon.pow(apply(p.base(), bindings), apply(p.exponent(), bindings));
            case Abs a -> Canon.abs(apply(a.argument(), bindings));
            case Call c -> Canon.call(c.function(), map(c.args(), bindings));
            case Piecewise p ->
                Canon.piecewise(
                        p.pieces().stream()
                                .map(piece ->
                                        new Piece(piece.when().substitute(bindings), apply(piece.value(), bindings)))
                                .toList(),
                        apply(p.otherwise(), bindings));
        };
    }

    private static List<Expr> map(List<Expr> list, Map<String, Expr> bindings) {
        return list.stream().map(x -> apply(x, bindings)).toList();
    }
}

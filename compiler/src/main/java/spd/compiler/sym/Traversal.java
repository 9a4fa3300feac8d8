package spd.compiler.sym;

import java.util.Set;

/** Structural queries over expressions: free symbols and dependence. */
final class Traversal {
    private Traversal() {}

    static void collectSymbols(Expr e, Set<String> names) {
        switch (e) {
            case Num n -> {}
            case NamedConstant c -> {}
            case Infinity i -> {}
            case Sym s -> names.add(s.name());
            case Sum s -> s.terms().forEach(t -> collectSymbols(t, names));
            case Product p -> p.factors().forEach(f -> collectSymbols(f, names));
            case Pow p -> {
                collectSymbols(p.base(), names);
                collectSymbols(p.exponent(), names);
            }
            case Abs a -> collectSymbols(a.argument(), names);
            case Call c -> c.args().forEach(a -> collectSymbols(a, names));
            case Piecewise p -> {
                for (Piece piece : p.pieces()) {
                    collectSymbols(piece.when().left(), names);
                    collectSymbols(piece.when().right(), names);
                    collectSymbols(piece.value(), names);
                }
                collectSymbols(p.otherwise(), names);
            }
        }
    }

    static boolean dependsOn(Expr e, String name) {
        return switch (e) {
            case Num n -> false;
            case NamedConstant c -> false;
            case Infinity i -> false;
            case Sym s -> s.name().equals(name);
            case Sum s -> s.terms().stream().anyMatch(t -> dependsOn(t, name));
            case Product p -> p.factors().stream().anyMatch(f -> dependsOn(f, name));
            case Pow p -> dependsOn(p.base(), name) || dependsOn(p.exponent(), name);
            case Abs a -> dependsOn(a.argument(), name);
            case Call c -> c.args().stream().anyMatch(a -> dependsOn(a, name));
            case Piecewise p ->
                dependsOn(p.otherwise(), name)
                        || p.pieces().stream()
                                .anyMatch(piece -> dependsOn(piece.value(), name)
                                        || dependsOn(piece.when().left(), name)
                                        || dependsOn(piece.when().right(), name));
        };
    }

    /** Whether {@code part} occurs in e (as e itself or inside it). */
    static boolean contains(Expr e, Expr part) {
        if (e.equals(part)) {
            return true;
        }
        boolean[] found = {false};
        Structure.mapChildren(e, child -> {
            found[0] |= !found[0] && contains(child, part);
            return child;
        });
        return found[0];
    }
}

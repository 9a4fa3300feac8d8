package spd.compiler.check;

import java.util.LinkedHashSet;
import java.util.Set;
import spd.compiler.ast.Expr;

/** The names an AST expression mentions (not the functions it calls). */
final class Names {
    private Names() {}

    static Set<String> of(Expr expr) {
        Set<String> names = new LinkedHashSet<>();
        collect(expr, names);
        return names;
    }

    private static void collect(Expr expr, Set<String> names) {
        switch (expr) {
            case Expr.Name name -> names.add(name.name());
            case Expr.Negate negate -> collect(negate.operand(), names);
            case Expr.Abs abs -> collect(abs.operand(), names);
            case Expr.Binary binary -> {
                collect(binary.left(), names);
                collect(binary.right(), names);
            }
            case Expr.Call call -> call.arguments().forEach(a -> collect(a.value(), names));
            case Expr.Piecewise piecewise ->
                piecewise.cases().forEach(c -> {
                    collect(c.value(), names);
                    c.when().ifPresent(when -> {
                        collect(when.left(), names);
                        collect(when.right(), names);
                    });
                });
            case Expr.Num num -> {}
            case Expr.Infinity infinity -> {}
        }
    }
}

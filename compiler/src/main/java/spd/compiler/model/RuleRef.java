package spd.compiler.model;

import java.util.Map;
import spd.compiler.sym.Expr;

/** A use of a named rule, such as {@code logsum(eps: 2)}: its name and the value of each parameter. */
public record RuleRef(String name, Map<String, Expr> arguments, boolean standard) {
    public RuleRef {
        arguments = Map.copyOf(arguments);
    }
}

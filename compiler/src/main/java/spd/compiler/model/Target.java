package spd.compiler.model;

import java.util.Map;
import spd.compiler.sym.Expr;

/** A layer a regularizer applies to, with the constants it overrides there ({@code fc1(lambda = 1e-4)}). */
public record Target(String layer, Map<String, Expr> overrides) {
    public Target {
        overrides = Map.copyOf(overrides);
    }
}

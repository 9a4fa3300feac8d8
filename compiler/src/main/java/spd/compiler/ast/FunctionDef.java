package spd.compiler.ast;

import java.util.Optional;
import spd.compiler.source.Span;

/**
 * A one-parameter function such as {@code eta(w) = |w| * (|w| + eps)}, {@code omega(w) = ...},
 * {@code f(eta) = ...} or {@code f'(eta) = ...}, optionally labelled ({@code dual f(eta) = ...}).
 */
public record FunctionDef(Optional<Ident> label, Ident name, boolean prime, Ident param, Expr body, Span span)
        implements Statement, MaskItem {

    /** The name as written, with its prime: {@code f'} for the derivative of the dual. */
    public String displayName() {
        return name.name() + (prime ? "'" : "");
    }
}

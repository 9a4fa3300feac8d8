package spd.compiler.ast;

import java.util.List;
import spd.compiler.source.Span;

/**
 * A named rule such as {@code rule logsum(eps) { eta(w) = |w| * (|w| + eps) }}: parameters, local
 * constants and the functions it defines (eta, omega, keep, f, f').
 */
public record RuleDecl(Ident name, List<Ident> params, List<LetDecl> lets, List<FunctionDef> functions, Span span) {
    public RuleDecl {
        params = List.copyOf(params);
        lets = List.copyOf(lets);
        functions = List.copyOf(functions);
    }
}

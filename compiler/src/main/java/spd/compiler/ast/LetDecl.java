package spd.compiler.ast;

import spd.compiler.source.Span;

/** {@code let lambda = 1e-3}: a named constant. */
public record LetDecl(Ident name, Expr value, Span span) implements Statement {}

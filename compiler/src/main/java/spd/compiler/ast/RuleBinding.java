package spd.compiler.ast;

import spd.compiler.source.Span;

/** {@code eta = logsum(eps: 2)}: a function taken from a named rule. */
public record RuleBinding(Ident name, Expr.Call rule, Span span) implements Statement {}

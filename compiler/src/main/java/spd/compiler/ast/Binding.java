package spd.compiler.ast;

import spd.compiler.source.Span;

/** {@code keep = eta / (eta + lambda)} inside a mask block. */
public record Binding(Ident name, Expr value, Span span) implements MaskItem {}

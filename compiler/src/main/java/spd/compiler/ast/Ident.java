package spd.compiler.ast;

import spd.compiler.source.Span;

/** A name as written in the source, with where it was written. */
public record Ident(String name, Span span) {}

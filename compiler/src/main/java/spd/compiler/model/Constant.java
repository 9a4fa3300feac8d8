package spd.compiler.model;

import spd.compiler.sym.Expr;

/** A {@code let} constant: its exact value, its double value, and where it was declared. */
public record Constant(String name, Expr exact, double value, SourceRef at) {}

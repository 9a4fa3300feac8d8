package spd.compiler.ast;

import spd.compiler.source.Span;

/** {@code import std} (a module by name) or {@code import "rules.spd"} (a file relative to the importer). */
public record Import(String target, boolean isPath, Span span) {}

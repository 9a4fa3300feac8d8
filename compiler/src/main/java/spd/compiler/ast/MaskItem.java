package spd.compiler.ast;

import spd.compiler.source.Span;

/** An item of a mask block: a binding ({@code keep = ...}), a function ({@code f(eta) = ...}) or a setting. */
public sealed interface MaskItem permits FunctionDef, Binding, Setting {
    Span span();
}

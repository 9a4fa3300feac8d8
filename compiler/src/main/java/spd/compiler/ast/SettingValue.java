package spd.compiler.ast;

import spd.compiler.source.Span;

/** The value of a setting: an expression, a range or a string. */
public sealed interface SettingValue {
    Span span();

    /** {@code 200}, {@code 2/3}, {@code log(19)}, or a word such as {@code cubic}. */
    record Value(Expr expr) implements SettingValue {
        @Override
        public Span span() {
            return expr.span();
        }
    }

    /** {@code 10..100}. */
    record Range(Expr from, Expr to, Span span) implements SettingValue {}

    /** {@code "path/to/dir"}, already unescaped. */
    record Text(String value, Span span) implements SettingValue {}
}

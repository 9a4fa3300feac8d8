package spd.compiler.ast;

import java.util.Optional;
import spd.compiler.source.Span;

/** A {@code key value} setting of a block, such as {@code epochs 200} or {@code epochs 10..100}. */
public record Setting(Ident key, Optional<SettingValue> value, Span span) implements MaskItem {}

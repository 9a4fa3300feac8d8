package spd.compiler.ast;

import java.util.Optional;
import spd.compiler.source.Span;

/** One line of a network block. */
public sealed interface LayerDecl {
  Span span();

  /** {@code input 784}. */
  record Input(Expr.Num size, Span span) implements LayerDecl {}

  /** {@code dense [name] 300 [relu]}, or {@code linear [name] 1} (a dense layer with no activation). */
  record Dense(Optional<Ident> name, Expr.Num size, Optional<Ident> activation, boolean linear, Span span)
      implements LayerDecl {}

  /** {@code loss cross_entropy}. */
  record Loss(Ident kind, Span span) implements LayerDecl {}
}

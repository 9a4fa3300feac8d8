package spd.compiler.sym;

import java.util.function.UnaryOperator;

/** Generic rebuilding of an expression from transformed children. */
public final class Structure {
  private Structure() {}

  /** The expression with {@code f} applied to each direct child, rebuilt canonically. */
  public static Expr mapChildren(Expr e, UnaryOperator<Expr> f) {
    return switch (e) {
      case Num n -> e;
      case Sym s -> e;
      case NamedConstant c -> e;
      case Infinity i -> e;
      case Sum s -> Expr.sum(s.terms().stream().map(f).toList());
      case Product p -> Expr.product(p.factors().stream().map(f).toList());
      case Pow p -> Expr.pow(f.apply(p.base()), f.apply(p.exponent()));
      case Abs a -> Expr.abs(f.apply(a.argument()));
      case Call c -> Expr.call(c.function(), c.args().stream().map(f).toList());
      case Piecewise p -> Expr.piecewise(
          p.pieces().stream().map(piece -> new Piece(
              new Condition(f.apply(piece.when().left()), piece.when().relation(), f.apply(piece.when().right())),
              f.apply(piece.value()))).toList(),
          f.apply(p.otherwise()));
    };
  }
}

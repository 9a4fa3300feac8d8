package spd.compiler.sym;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Compiles an expression in one variable into a tree of double closures with the constants folded in, for the many
 * evaluations of quadrature, root finding and plotting (no map look-ups per evaluation).
 */
public final class Compiled {
  private Compiled() {}

  /**
   * f(x) with every other symbol taken from {@code constants}.
   *
   * @throws IllegalArgumentException when a symbol other than x has no value
   */
  public static DoubleUnaryOperator function(Expr e, String x, Map<String, Double> constants) {
    return switch (e) {
      case Num n -> constant(n.value().toDouble());
      case NamedConstant c -> constant(c.value());
      case Infinity i -> constant(Double.POSITIVE_INFINITY);
      case Sym s -> s.name().equals(x) ? v -> v : constant(valueOf(s, constants));
      case Sum s -> sum(s.terms().stream().map(t -> function(t, x, constants)).toList());
      case Product p -> product(p.factors().stream().map(f -> function(f, x, constants)).toList());
      case Pow p -> power(function(p.base(), x, constants), p.exponent(), x, constants);
      case Abs a -> {
        DoubleUnaryOperator f = function(a.argument(), x, constants);
        yield v -> Math.abs(f.applyAsDouble(v));
      }
      case Call c -> call(c, x, constants);
      case Piecewise p -> piecewise(p, x, constants);
    };
  }

  private static DoubleUnaryOperator constant(double value) {
    return v -> value;
  }

  private static double valueOf(Sym s, Map<String, Double> constants) {
    Double value = constants.get(s.name());
    if (value == null) {
      throw new IllegalArgumentException("no value for symbol '" + s.name() + "'");
    }
    return value;
  }

  private static DoubleUnaryOperator sum(List<DoubleUnaryOperator> terms) {
    DoubleUnaryOperator[] t = terms.toArray(DoubleUnaryOperator[]::new);
    return v -> {
      double total = 0;
      for (DoubleUnaryOperator term : t) {
        total += term.applyAsDouble(v);
      }
      return total;
    };
  }

  private static DoubleUnaryOperator product(List<DoubleUnaryOperator> factors) {
    DoubleUnaryOperator[] f = factors.toArray(DoubleUnaryOperator[]::new);
    return v -> {
      double result = 1;
      for (DoubleUnaryOperator factor : f) {
        double value = factor.applyAsDouble(v);
        // A zero factor wins over an infinite one, as in Expr.evaluate (t/eta with eta = inf is 0).
        if (value == 0) {
          return 0;
        }
        result *= value;
      }
      return result;
    };
  }

  private static DoubleUnaryOperator power(DoubleUnaryOperator base, Expr exponent, String x,
      Map<String, Double> constants) {
    if (exponent instanceof Num n) {
      Rational r = n.value();
      if (r.equals(Rational.HALF)) {
        return v -> Math.sqrt(base.applyAsDouble(v));
      }
      if (r.equals(Rational.MINUS_ONE)) {
        return v -> 1 / base.applyAsDouble(v);
      }
      if (r.equals(Rational.of(2))) {
        return v -> {
          double b = base.applyAsDouble(v);
          return b * b;
        };
      }
      double e = r.toDouble();
      return v -> Math.pow(base.applyAsDouble(v), e);
    }
    DoubleUnaryOperator e = function(exponent, x, constants);
    return v -> Math.pow(base.applyAsDouble(v), e.applyAsDouble(v));
  }

  private static DoubleUnaryOperator call(Call c, String x, Map<String, Double> constants) {
    MathFunction f = c.function();
    List<DoubleUnaryOperator> args = c.args().stream().map(a -> function(a, x, constants)).toList();
    if (args.size() == 1 && f instanceof Builtin builtin) {
      DoubleUnaryOperator a = args.get(0);
      return switch (builtin) {
        case LOG -> v -> Math.log(a.applyAsDouble(v));
        case EXP -> v -> Math.exp(a.applyAsDouble(v));
        default -> v -> builtin.apply(a.applyAsDouble(v));
      };
    }
    DoubleUnaryOperator[] a = args.toArray(DoubleUnaryOperator[]::new);
    return v -> {
      double[] values = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        values[i] = a[i].applyAsDouble(v);
      }
      return f.apply(values);
    };
  }

  private static DoubleUnaryOperator piecewise(Piecewise p, String x, Map<String, Double> constants) {
    int n = p.pieces().size();
    DoubleUnaryOperator[] lefts = new DoubleUnaryOperator[n];
    DoubleUnaryOperator[] rights = new DoubleUnaryOperator[n];
    Relation[] relations = new Relation[n];
    DoubleUnaryOperator[] values = new DoubleUnaryOperator[n];
    for (int i = 0; i < n; i++) {
      Piece piece = p.pieces().get(i);
      lefts[i] = function(piece.when().left(), x, constants);
      rights[i] = function(piece.when().right(), x, constants);
      relations[i] = piece.when().relation();
      values[i] = function(piece.value(), x, constants);
    }
    DoubleUnaryOperator otherwise = function(p.otherwise(), x, constants);
    return v -> {
      for (int i = 0; i < n; i++) {
        if (relations[i].test(lefts[i].applyAsDouble(v), rights[i].applyAsDouble(v))) {
          return values[i].applyAsDouble(v);
        }
      }
      return otherwise.applyAsDouble(v);
    };
  }
}

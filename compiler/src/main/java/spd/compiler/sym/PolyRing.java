package spd.compiler.sym;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Views expressions as rational functions of their kernels: the maximal subexpressions that are not sums, products or
 * integer powers (symbols, |x|, log(x), x^(1/2), exp(x), ...). Used to cancel common factors.
 */
final class PolyRing {
  private final List<Expr> kernels = new ArrayList<>();
  private final Map<Expr, Integer> index = new HashMap<>();
  private boolean frozen;

  /** A ring whose kernels are those of the given expressions, with {@code first} (if present) as variable 0. */
  static PolyRing of(List<Expr> expressions, Optional<Expr> first) {
    PolyRing ring = new PolyRing();
    first.ifPresent(ring::kernelIndex);
    for (Expr e : expressions) {
      ring.collect(e);
    }
    ring.frozen = true;
    return ring;
  }

  int size() {
    return kernels.size();
  }

  Expr kernel(int i) {
    return kernels.get(i);
  }

  Optional<Integer> indexOf(Expr kernel) {
    return Optional.ofNullable(index.get(kernel));
  }

  private void collect(Expr e) {
    switch (e) {
      case Num n -> { }
      case Sum s -> s.terms().forEach(this::collect);
      case Product p -> p.factors().forEach(this::collect);
      case Pow p when isSmallInteger(p.exponent()) -> collect(p.base());
      default -> {
        Power power = decompose(e);
        if (power != null) {
          kernelIndex(power.kernel());
        }
      }
    }
  }

  private int kernelIndex(Expr kernel) {
    Integer i = index.get(kernel);
    if (i == null) {
      if (frozen) {
        throw new IllegalArgumentException("kernel " + kernel + " is not in this ring");
      }
      i = kernels.size();
      kernels.add(kernel);
      index.put(kernel, i);
    }
    return i;
  }

  private static boolean isSmallInteger(Expr e) {
    return e instanceof Num k && k.value().isInteger() && k.value().numerator().bitLength() < 16;
  }

  /** kernel^exponent with an integer exponent. */
  private record Power(Expr kernel, int exponent) {}

  /** Splits an atom-like expression into kernel^k; null for infinity, which no rational function holds. */
  private Power decompose(Expr e) {
    return switch (e) {
      case Infinity i -> null;
      case Pow p -> powerOf(p.base(), p.exponent(), false);
      case Call c when c.function() == Builtin.EXP -> powerOf(null, c.arg(), true);
      default -> new Power(e, 1);
    };
  }

  /**
   * base^exponent (or exp(exponent) when {@code exponential}) as kernel^k: x^(3/2) is (x^(1/2))^3, exp(-2t) is
   * (exp(t))^(-2), and x^(-p) is (x^p)^(-1).
   */
  private static Power powerOf(Expr base, Expr exponent, boolean exponential) {
    Rational c = Canon.coefficientOf(exponent);
    Expr rest = Canon.withoutCoefficient(exponent);
    if (exponent instanceof Num n) {
      c = n.value();
      rest = Expr.ONE;
    }
    if (c.numerator().bitLength() > 16) {
      c = Rational.ONE;
      rest = exponent;
    }
    int k = c.numerator().intValueExact();
    Expr unitExponent = Expr.div(rest, Expr.number(Rational.of(c.denominator())));
    Expr kernel = exponential ? new Call(Builtin.EXP, List.of(unitExponent)) : Canon.pow(base, unitExponent);
    if (kernel instanceof Num || kernel instanceof Product || kernel instanceof Sum) {
      return new Power(exponential ? Expr.exp(exponent) : new Pow(base, exponent), 1);
    }
    return new Power(kernel, k);
  }

  /** The rational function of an expression whose kernels belong to this ring. */
  RatFun toRatFun(Expr e) {
    int n = kernels.size();
    return switch (e) {
      case Num num -> RatFun.constant(n, num.value());
      case Sum s -> {
        RatFun total = RatFun.constant(n, Rational.ZERO);
        for (Expr term : s.terms()) {
          total = total.add(toRatFun(term));
        }
        yield total;
      }
      case Product p -> {
        RatFun total = RatFun.constant(n, Rational.ONE);
        for (Expr factor : p.factors()) {
          total = total.multiply(toRatFun(factor));
        }
        yield total;
      }
      case Pow p when isSmallInteger(p.exponent()) -> toRatFun(p.base()).pow(((Num) p.exponent()).value()
          .intValueExact());
      default -> {
        Power power = decompose(e);
        if (power == null) {
          throw new ArithmeticException("infinity is not a rational function");
        }
        yield RatFun.polynomial(Poly.variable(n, kernelIndex(power.kernel()))).pow(power.exponent());
      }
    };
  }

  /**
   * The expression of a rational function, c * m * (p) / (d * n * (q)) with numeric contents c, d, monomial contents m,
   * n and the rest p, q, built as one product so that the numeric content stays outside the sums.
   */
  Expr toExpr(RatFun f) {
    List<Expr> factors = new ArrayList<>(parts(f.num()));
    for (Expr part : parts(f.den())) {
      factors.add(Expr.pow(part, Expr.MINUS_ONE));
    }
    return Expr.product(factors);
  }

  /** A polynomial as an expression (its numeric content distributes over a lone sum, as canonical forms do). */
  Expr toExpr(Poly p) {
    return Expr.product(parts(p));
  }

  /** [numeric content, monomial content, rest], the rest written as a square when it is one. */
  private List<Expr> parts(Poly p) {
    if (p.isZero()) {
      return List.of(Expr.ZERO);
    }
    Rational content = p.numericContent();
    if (p.leadingCoefficient().signum() < 0) {
      content = content.negate();
    }
    Poly.Monomial common = p.monomialContent();
    Poly rest = p.divideByMonomial(common).scale(content.reciprocal());
    return List.of(Expr.number(content), monomial(common), restExpr(rest));
  }

  private Expr restExpr(Poly rest) {
    if (rest.terms().size() > 2) {
      Poly root = rest.exactSquareRoot();
      if (root != null) {
        Expr r = polynomialSum(root);
        // (a - t)^2 reads better than (t - a)^2 when a is the constant term; either is the same square.
        return Expr.pow(r, Expr.TWO);
      }
    }
    return polynomialSum(rest);
  }

  private Expr polynomialSum(Poly p) {
    List<Expr> terms = new ArrayList<>();
    p.terms().forEach((m, c) -> terms.add(Expr.mul(Expr.number(c), monomial(m))));
    return Expr.sum(terms);
  }

  private Expr monomial(Poly.Monomial m) {
    List<Expr> factors = new ArrayList<>();
    int[] e = m.exponents();
    for (int i = 0; i < e.length; i++) {
      if (e[i] != 0) {
        factors.add(Expr.pow(kernels.get(i), Expr.number(e[i])));
      }
    }
    return Expr.product(factors);
  }
}

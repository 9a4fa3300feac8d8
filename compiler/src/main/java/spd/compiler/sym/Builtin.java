package spd.compiler.sym;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The functions a {@code .spd} expression may call, with their spd names and arities; the checker uses this table for
 * "unknown function" and arity errors.
 */
public enum Builtin {
  LOG("log", 1, "natural logarithm"),
  EXP("exp", 1, "exponential"),
  SQRT("sqrt", 1, "square root"),
  ABS("abs", 1, "absolute value, also written |x|"),
  SIGN("sign", 1, "sign: -1, 0 or 1"),
  SIGMOID("sigmoid", 1, "logistic function 1/(1 + exp(-x))"),
  TANH("tanh", 1, "hyperbolic tangent"),
  SINH("sinh", 1, "hyperbolic sine"),
  COSH("cosh", 1, "hyperbolic cosine"),
  SOFTPLUS("softplus", 1, "log(1 + exp(x))"),
  ATAN("atan", 1, "arc tangent"),
  SIN("sin", 1, "sine (radians)"),
  COS("cos", 1, "cosine (radians)"),
  TAN("tan", 1, "tangent (radians)"),
  LOG1P("log1p", 1, "log(1 + x), accurate for small x"),
  EXPM1("expm1", 1, "exp(x) - 1, accurate for small x"),
  ERF("erf", 1, "error function"),
  ERFC("erfc", 1, "complementary error function 1 - erf(x), accurate for large x"),
  DAWSON("dawson", 1, "Dawson's function D(x) = exp(-x^2) * integral_0^x exp(t^2) dt"),
  MIN("min", 2, "smaller of two values"),
  MAX("max", 2, "larger of two values"),
  /** The exact variational-dropout dual f(eta) = 2 E[log|xi + sqrt(eta)| - log|xi|], xi ~ N(0, 1); f(0) = 0. */
  VD_DUAL("vd_dual", 1, "exact variational-dropout dual f(eta), with f'(eta) = dawson(sqrt(eta/2))/sqrt(eta/2)"),
  /** The hard-concrete dual f(eta) = P(z != 0) at the gate parameter a whose normalised mask variance is 1/eta. */
  HARD_CONCRETE_DUAL("hard_concrete_dual", 4, "hard-concrete gate dual f(eta; beta, gamma, zeta)");

  private static final Map<String, Builtin> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Builtin::spdName, Function.identity()));

  private final String spdName;
  private final int arity;
  private final String description;

  Builtin(String spdName, int arity, String description) {
    this.spdName = spdName;
    this.arity = arity;
    this.description = description;
  }

  public String spdName() {
    return spdName;
  }

  public int arity() {
    return arity;
  }

  /** A short description for help texts and "did you mean" messages. */
  public String description() {
    return description;
  }

  public static Optional<Builtin> byName(String spdName) {
    return Optional.ofNullable(BY_NAME.get(spdName));
  }

  /** Whether this function has no closed-form derivative and no symbolic antiderivative rules (evaluated numerically). */
  public boolean isNumericOnly() {
    return this == HARD_CONCRETE_DUAL;
  }

  /** This function at the given arguments, in double precision. */
  public double apply(double... args) {
    return BuiltinMath.apply(this, args);
  }
}

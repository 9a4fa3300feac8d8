package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import spd.compiler.numeric.Dual;
import spd.compiler.numeric.DualDefinedRule;
import spd.compiler.numeric.Estimate;
import spd.compiler.numeric.HardConcrete;
import spd.compiler.numeric.Tolerance;
import spd.compiler.numeric.VariationalDropout;
import spd.compiler.sym.Asymptotics;
import spd.compiler.sym.Compiled;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Interval;
import spd.compiler.sym.NotDifferentiableException;
import spd.compiler.sym.Simplifier;
import spd.compiler.sym.Solver;

/**
 * Rules given by their dual f(eta) (theory.md 2.2): the stationarity condition w^2 = eta^2 f'(eta) gives
 * w_hat(eta) = eta sqrt(f'(eta)), whose inverse is eta_hat(w). When that inverse is symbolic the derivation continues
 * as for an explicit eta_hat; otherwise eta_hat is found by root finding and Omega(w) = (1/2)[w^2/eta_hat + f(eta_hat)]
 * numerically, cross-checked against int_0^|w| t/eta_hat(t) dt. Variational dropout and hard-concrete gates are rules
 * of this kind.
 */
final class DualPipeline {
  private static final Tolerance TOLERANCE = Tolerance.relative(1e-12);
  /** theory.md 6.2: exact-KL variational dropout at lambda = s = 1, Omega at |w| = 0.01, 0.1, 1, 5. */
  private static final double[][] VD_ORACLES = {{0.01, 0.009992}, {0.1, 0.099164}, {1, 0.913595}, {5, 2.722652}};

  private DualPipeline() {}

  static Derivation fromDual(Context context, Rule.DualRule rule) {
    Optional<Derivation> known = knownDual(context, rule);
    if (known.isPresent()) {
      return known.get();
    }
    List<Step> steps = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Expr eta = Expr.symbol(Context.ETA);
    var etaPositive = context.realW.with(Context.ETA, Interval.POSITIVE);
    Expr fPrime;
    Optional<Expr> f;
    if (rule.isDerivative()) {
      fPrime = rule.f();
      f = Optional.empty();
      steps.add(Step.of("dual", "f'(eta)", "f'(\\eta)", fPrime, "the derivative of the mask cost"));
    } else {
      f = Optional.of(normalizedAtZero(rule.f(), context, notes));
      steps.add(Step.of("dual", "f(eta)", "f(\\eta)", rule.f(), "the mask cost: Omega(w) = (1/2) min_eta"
          + " [w^2/eta + f(eta)]"));
      try {
        fPrime = Simplifier.normalize(rule.f().derivative(Context.ETA), etaPositive);
      } catch (NotDifferentiableException e) {
        return numericDual(context, steps, notes, f.get(), Optional.empty(), "dual f(eta)");
      }
      steps.add(Step.of("differentiate", "f'(eta)", "f'(\\eta)", fPrime, ""));
    }
    Expr wHat = Simplifier.normalize(Expr.mul(eta, Expr.sqrt(fPrime)), etaPositive);
    steps.add(Step.of("stationarity", "w_hat(eta)", "\\hat w(\\eta)", wHat,
        "eta*sqrt(f'(eta)), from d/deta [w^2/eta + f(eta)] = 0"));
    Optional<Expr> inverse = Solver.invert(wHat, Context.ETA, Context.T, etaPositive);
    if (inverse.isPresent()) {
      Expr etaW = EtaPipeline.inW(inverse.get());
      steps.add(Step.of("invert", "eta_hat(w)", "\\hat\\eta(w)", etaW, "the inverse of w_hat"));
      return EtaPipeline.run(context, "dual (mask cost) f(eta)", steps, etaW,
          Optional.of(MaskAlgebra.keepOfEta(etaW, context.lambda)), context.lambdaValue, notes);
    }
    steps.add(Step.remark("invert", "w_hat has no symbolic inverse here: eta_hat(w) is found by Brent's method in"
        + " log eta for each w"));
    return numericDual(context, steps, notes, f.orElse(null), Optional.of(fPrime), "dual f(eta)");
  }

  /**
   * The duals the standard library defines for variational dropout and hard-concrete gates, recognised by their
   * form, go to their dedicated numerics (faster and more accurate than generic quadrature of f', and checked against
   * theory.md 6.2). These duals are the lambda = 1 ones, so the penalty is that of lambda = 1 whatever the file's
   * lambda, which only enters the keep probability.
   */
  private static Optional<Derivation> knownDual(Context context, Rule.DualRule rule) {
    Expr f = Simplifier.normalize(rule.f().substitute(constantValues(context, rule.f())),
        context.realW.with(Context.ETA, Interval.POSITIVE));
    Expr eta = Expr.symbol(Context.ETA);
    Expr x = Expr.sqrt(Expr.div(eta, Expr.TWO));
    Expr exactDerivative = Expr.div(Expr.call(spd.compiler.sym.Builtin.DAWSON, x), x);
    boolean exact = rule.isDerivative()
        ? f.equals(Simplifier.normalize(exactDerivative, context.realW.with(Context.ETA, Interval.POSITIVE)))
        : f.equals(Expr.call(spd.compiler.sym.Builtin.VD_DUAL, eta));
    if (exact) {
      return Optional.of(variationalDropout(context, Rule.KlForm.EXACT, 1, true));
    }
    if (!rule.isDerivative() && f.equals(Simplifier.normalize(approximateKl(), context.realW.with(Context.ETA,
        Interval.POSITIVE)))) {
      return Optional.of(variationalDropout(context, Rule.KlForm.APPROXIMATE, 1, true));
    }
    if (!rule.isDerivative() && f instanceof spd.compiler.sym.Call c
        && c.function() == spd.compiler.sym.Builtin.HARD_CONCRETE_DUAL && c.args().get(0).equals(eta)) {
      return Optional.of(hardConcrete(context, new Rule.HardConcrete(c.args().get(1), c.args().get(2),
          c.args().get(3)), 1, true));
    }
    return Optional.empty();
  }

  /** The constants of e (not w, eta or t) as numbers, so that a dual written with named constants is recognised. */
  private static Map<String, Expr> constantValues(Context context, Expr e) {
    Map<String, Expr> values = new java.util.HashMap<>();
    for (String name : e.freeSymbols()) {
      Constant c = context.input.constants().get(name);
      if (c != null && !name.equals(Context.ETA)) {
        values.put(name, Expr.number(c.value()));
      }
    }
    return values;
  }

  /**
   * f minus its limit at eta -> 0+, so that f(0+) = 0 as the numeric duals assume: the limit from the leading term
   * when it is a constant, else from values at eta = 1e-12 and 1e-10 when they agree.
   */
  private static Expr normalizedAtZero(Expr f, Context context, List<String> notes) {
    Asymptotics.Behaviour b = Asymptotics.leading(f, Context.ETA, Asymptotics.Point.ZERO_PLUS, context.values);
    Expr limit = null;
    boolean numerically = false;
    if (b instanceof Asymptotics.Leading l && l.logPower() == 0
        && Math.abs(l.power().evaluate(context.values)) < 1e-12) {
      limit = l.coefficient();
    } else if (!(b instanceof Asymptotics.Zero)) {
      DoubleUnaryOperator value = Compiled.function(f, Context.ETA, context.values);
      double near = value.applyAsDouble(1e-12);
      double far = value.applyAsDouble(1e-10);
      if (Double.isFinite(near) && Math.abs(near - far) <= 1e-8 * Math.max(1, Math.abs(near)) && near != 0) {
        Optional<Expr> symbolic = limitBySubstitution(f, context, near);
        numerically = symbolic.isEmpty();
        limit = symbolic.orElse(Expr.number(spd.compiler.sym.Rational.parseDecimal(
            String.format(java.util.Locale.ROOT, "%.10g", near))));
      }
    }
    if (limit == null || (limit instanceof spd.compiler.sym.Num n && n.value().isZero())) {
      return f;
    }
    notes.add("f(0+) = " + limit.toText() + (numerically ? " (numerically)" : "")
        + " is subtracted from f: the dual is defined up to a constant, and f(0+) = 0 gives Omega(0) = 0.");
    return Simplifier.normalize(Expr.sub(f, limit), context.realW);
  }

  /**
   * f(0+) as f's stable form at eta = 0 (where the normal form is 0/0, the rationalised one is continuous), when that
   * is a finite constant agreeing with the value near 0.
   */
  private static Optional<Expr> limitBySubstitution(Expr f, Context context, double near) {
    try {
      var etaPositive = context.realW.with(Context.ETA, Interval.POSITIVE);
      Expr stable = spd.compiler.sym.StableForm.of(f, etaPositive);
      Expr atZero = Simplifier.normalize(stable.substitute(Map.of(Context.ETA, Expr.ZERO)), context.realW);
      double value = atZero.evaluate(context.values);
      return Math.abs(value - near) <= 1e-8 * Math.max(1, Math.abs(near)) ? Optional.of(atZero) : Optional.empty();
    } catch (ArithmeticException | IllegalArgumentException undefined) {
      return Optional.empty();
    }
  }

  private static Derivation numericDual(Context context, List<Step> steps, List<String> notes, Expr f,
      Optional<Expr> fPrime, String description) {
    Dual dual = numericDualOf(context, f, fPrime);
    DualDefinedRule rule = new DualDefinedRule(dual, TOLERANCE);
    steps.add(Step.formula("eta-trick", "Omega(w)", "\\Omega(w)",
        "(1/2) [w^2/eta_hat(w) + f(eta_hat(w))]", "\\tfrac12\\left[\\frac{w^2}{\\hat\\eta(w)} + f(\\hat\\eta(w))"
            + "\\right]", "theory.md 2.1; eta_hat numeric, Omega with an error estimate"));
    PenaltyFunctions functions = Functions.ofDualRule(rule, context.lambdaValue);
    List<CheckRow> checks = new ArrayList<>();
    for (double w : new double[] {0.01, 0.1, 1, 5}) {
      Estimate byIntegral = rule.omegaByIntegral(w);
      checks.add(new CheckRow(w, functions.omega(w).value(), byIntegral.value(), byIntegral.error(),
          "int_0^|w| t/eta_hat(t) dt"));
    }
    spd.compiler.penalty.Dual dualResult = f != null
        ? new spd.compiler.penalty.Dual.ClosedForm(f)
        : new spd.compiler.penalty.Dual.Numeric("f(eta) = int_0^eta f'(u) du by quadrature");
    return numericDerivation(context, description, steps, notes, functions, checks, dualResult);
  }

  private static Dual numericDualOf(Context context, Expr f, Optional<Expr> fPrime) {
    DoubleUnaryOperator value = f == null ? null : Compiled.function(f, Context.ETA, context.values);
    if (fPrime.isPresent()) {
      DoubleUnaryOperator derivative = Compiled.function(fPrime.get(), Context.ETA, context.values);
      return value == null ? Dual.fromDerivative(derivative, TOLERANCE) : Dual.closedForm(value, derivative);
    }
    // f' only numerically: a central difference in log eta, accurate to about 1e-8 relative.
    DoubleUnaryOperator derivative = eta -> {
      double h = 1e-5 * eta;
      return (value.applyAsDouble(eta + h) - value.applyAsDouble(eta - h)) / (2 * h);
    };
    return Dual.closedForm(value, derivative);
  }

  private static Derivation numericDerivation(Context context, String description, List<Step> steps,
      List<String> notes, PenaltyFunctions functions, List<CheckRow> checks, spd.compiler.penalty.Dual dual) {
    List<Property> properties = PropertyAnalysis.of(context, List.of(), Optional.empty(), functions, 1, false);
    return new Derivation(context.input, description, steps, Optional.empty(), Optional.empty(),
        new Penalty.Numeric("eta-trick: Omega(w) = (1/2)[w^2/eta_hat + f(eta_hat)], eta_hat by Brent's method on"
            + " w = eta*sqrt(f'(eta)); cross-checked by quadrature of t/eta_hat(t)"), dual, properties, checks,
        ClassicalMatcher.match(functions, context, properties), notes, functions);
  }

  static Derivation variationalDropout(Context context, Rule.VariationalDropout rule) {
    return variationalDropout(context, rule.kl(), context.lambdaValue, false);
  }

  /**
   * Variational dropout with the given KL at the given lambda (NaN: none given, 1 is used).
   *
   * @param asDual whether the rule came as an eta-trick dual (its f is the lambda = 1 one)
   */
  private static Derivation variationalDropout(Context context, Rule.KlForm kl, double penaltyLambda,
      boolean asDual) {
    List<Step> steps = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    double lambda = penaltyLambda;
    if (Double.isNaN(lambda)) {
      lambda = 1;
      notes.add("No value for " + context.input.lambdaSymbol() + ": variational dropout is derived at lambda = 1 (its"
          + " own KL weight); the data factor s is 1 (theory.md 3.2).");
    }
    if (asDual) {
      notes.add("The dual is the standard library's variational-dropout one (lambda = s = 1): it is evaluated with the"
          + " dedicated variational-dropout numerics.");
    }
    double keepScale = Double.isNaN(context.lambdaValue) ? lambda : context.lambdaValue;
    boolean exact = kl == Rule.KlForm.EXACT;
    VariationalDropout vd = exact
        ? VariationalDropout.exact(lambda, 1, TOLERANCE)
        : VariationalDropout.approximate(lambda, 1, TOLERANCE);
    Expr eta = Expr.symbol(Context.ETA);
    steps.add(Step.formula("gaussian-mask", "m", "m", "N(1, alpha), alpha = lambda/(s*eta)",
        "\\mathcal N(1, \\alpha),\\ \\alpha = \\frac{\\lambda}{s\\,\\eta}", "theory.md 1.3, s = 1"));
    if (exact) {
      steps.add(Step.formula("kl-cost", "f'(eta)", "f'(\\eta)", "dawson(sqrt(eta/2))/sqrt(eta/2)",
          "\\frac{D(\\sqrt{\\eta/2})}{\\sqrt{\\eta/2}}", "f(eta) = 2 KL(alpha = 1/eta) + const to the log-uniform"
              + " prior; D is Dawson's function (theory.md 3 row 10)"));
    } else {
      steps.add(Step.of("kl-cost", "f(eta)", "f(\\eta)", approximateKl(), "Molchanov et al.'s approximate KL,"
          + " k1 = 0.63576, k2 = 1.87320, k3 = 1.48695 (theory.md 3 row 9)"));
    }
    steps.add(Step.formula("stationarity", "w_hat(eta)", "\\hat w(\\eta)", "eta*sqrt(f'(eta))",
        "\\eta\\sqrt{f'(\\eta)}", "eta_hat is its inverse, found by Brent's method in log eta"));
    steps.add(Step.formula("eta-trick", "Omega(w)", "\\Omega(w)", "(1/2) [w^2/eta_hat(w) + f(eta_hat(w))]",
        "\\tfrac12\\left[\\frac{w^2}{\\hat\\eta(w)} + f(\\hat\\eta(w))\\right]",
        "for lambda != 1: lambda*Omega(w) = lambda*Omega_1(|w|/sqrt(lambda)) (theory.md 3.2)"));
    PenaltyFunctions functions = Functions.ofVariationalDropout(vd, keepScale);
    List<CheckRow> checks = new ArrayList<>();
    DualDefinedRule unit = vd.unitRule();
    double scale = Math.sqrt(1 / lambda);
    for (double w : new double[] {0.01, 0.1, 1, 5}) {
      Estimate byIntegral = unit.omegaByIntegral(w * scale);
      checks.add(new CheckRow(w, functions.omega(w).value(), byIntegral.value(), byIntegral.error(),
          "int_0^|w| t/eta_hat(t) dt"));
    }
    if (exact && lambda == 1) {
      for (double[] oracle : VD_ORACLES) {
        checks.add(new CheckRow(oracle[0], functions.omega(oracle[0]).value(), oracle[1], 5e-7, "theory.md 6.2"));
      }
    }
    spd.compiler.penalty.Dual dual = exact
        ? new spd.compiler.penalty.Dual.ClosedForm(Expr.call(spd.compiler.sym.Builtin.VD_DUAL, eta))
        : new spd.compiler.penalty.Dual.ClosedForm(approximateKl());
    return numericDerivation(context, "variational dropout (" + (exact ? "exact" : "approximate") + " KL)", steps,
        notes, functions, checks, dual);
  }

  /**
   * Omega against its definition (1/2) inf_a [w^2 V(a)/lambda + P(z != 0)] evaluated independently: the objective on
   * a grid of log a in [-20, 20], refined by Brent's method around the best grid point, and the limit 1/2 (a -> inf).
   * (Quadrature of t/eta_hat is no check here: eta_hat jumps to inf where the penalty saturates.)
   */
  private static List<CheckRow> hardConcreteChecks(HardConcrete gates, PenaltyFunctions functions, double lambda) {
    int n = 81;
    double step = 40.0 / (n - 1);
    double[] objectiveParts = new double[2 * n];
    for (int i = 0; i < n; i++) {
      double logA = -20 + step * i;
      objectiveParts[2 * i] = gates.normalisedVariance(logA).value();
      objectiveParts[2 * i + 1] = gates.nonZeroProbability(logA);
    }
    List<CheckRow> checks = new ArrayList<>();
    for (double w : new double[] {0.01, 0.1, 0.3, 0.5, 1, 3}) {
      int best = 0;
      for (int i = 1; i < n; i++) {
        if (w * w * objectiveParts[2 * i] + objectiveParts[2 * i + 1]
            < w * w * objectiveParts[2 * best] + objectiveParts[2 * best + 1]) {
          best = i;
        }
      }
      double lo = -20 + step * Math.max(best - 1, 0);
      double hi = -20 + step * Math.min(best + 1, n - 1);
      var min = spd.compiler.numeric.Maximize.brent(logA -> -(w * w * gates.normalisedVariance(logA).value() / lambda
          + gates.nonZeroProbability(logA)), lo, hi, Tolerance.relative(1e-10));
      double reference = Math.min(1, -min.value()) / 2;
      checks.add(new CheckRow(w, functions.omega(w).value(), reference, Math.abs(min.valueError()) / 2 + 1e-15,
          "min over log a (grid + Brent)"));
    }
    return checks;
  }

  /** f(eta) = 2[k1 sigmoid(k3 log eta - k2) + log(1 + eta)/2], at lambda = s = 1. */
  static Expr approximateKl() {
    Expr eta = Expr.symbol(Context.ETA);
    Expr k1 = Expr.number(spd.compiler.sym.Rational.parseDecimal("0.63576"));
    Expr k2 = Expr.number(spd.compiler.sym.Rational.parseDecimal("1.87320"));
    Expr k3 = Expr.number(spd.compiler.sym.Rational.parseDecimal("1.48695"));
    Expr sigmoid = Expr.call(spd.compiler.sym.Builtin.SIGMOID, Expr.sub(Expr.mul(k3, Expr.log(eta)), k2));
    return Expr.mul(Expr.TWO, Expr.add(Expr.mul(k1, sigmoid), Expr.mul(Expr.HALF, Expr.log(Expr.add(Expr.ONE, eta)))));
  }

  static Derivation hardConcrete(Context context, Rule.HardConcrete rule) {
    return hardConcrete(context, rule, context.lambdaValue, false);
  }

  private static Derivation hardConcrete(Context context, Rule.HardConcrete rule, double penaltyLambda,
      boolean asDual) {
    double beta = PenaltyDeriver.value(context, rule.beta());
    double gamma = PenaltyDeriver.value(context, rule.gamma());
    double zeta = PenaltyDeriver.value(context, rule.zeta());
    if (!(beta > 0 && gamma < 0 && zeta > 1)) {
      throw new DerivationException(context.input.sourcePath() + ": hard-concrete gates need beta > 0, gamma < 0 and"
          + " zeta > 1 (Louizos et al. use beta 2/3, gamma -0.1, zeta 1.1); got beta " + Numbers.format(beta)
          + ", gamma " + Numbers.format(gamma) + ", zeta " + Numbers.format(zeta));
    }
    List<String> notes = new ArrayList<>();
    double lambda = penaltyLambda;
    if (Double.isNaN(lambda)) {
      lambda = 1;
      notes.add("No value for " + context.input.lambdaSymbol() + ": the gates are derived at lambda = 1.");
    }
    if (asDual) {
      notes.add("The dual is the standard library's hard-concrete one (lambda = 1): it is evaluated with the dedicated"
          + " gate-moment numerics.");
    }
    double keepScale = Double.isNaN(context.lambdaValue) ? lambda : context.lambdaValue;
    HardConcrete gates = new HardConcrete(beta, gamma, zeta, lambda, TOLERANCE);
    List<Step> steps = new ArrayList<>();
    steps.add(Step.formula("hard-concrete", "z", "z",
        "clip(sigmoid((log u - log(1 - u) + log a)/beta)*(zeta - gamma) + gamma, 0, 1), u ~ U(0, 1)",
        "\\min\\left(1, \\max\\left(0, \\sigma\\left(\\tfrac{\\log u - \\log(1-u) + \\log a}{\\beta}\\right)"
            + "(\\zeta - \\gamma) + \\gamma\\right)\\right)",
        "beta = " + Numbers.format(beta) + ", gamma = " + Numbers.format(gamma) + ", zeta = " + Numbers.format(zeta)
            + " (theory.md 3 row 11)"));
    steps.add(Step.formula("gate-variance", "eta(a)", "\\eta(a)", "lambda/V(a), V(a) = E[z^2]/E[z]^2 - 1",
        "\\lambda / V(a),\\ V(a) = \\frac{E[z^2]}{E[z]^2} - 1",
        "the normalised mask z/E[z] (theory.md 1.1); moments by deterministic quadrature over the logistic variable"));
    steps.add(Step.formula("gate-cost", "f(eta)", "f(\\eta)", "P(z != 0) = sigmoid(log a - beta*log(-gamma/zeta))",
        "P(z \\ne 0) = \\sigma\\left(\\log a - \\beta \\log\\tfrac{-\\gamma}{\\zeta}\\right)",
        "at the a with eta(a) = eta"));
    steps.add(Step.formula("eta-trick", "Omega(w)", "\\Omega(w)", "(1/2) inf_a [w^2 V(a)/lambda + P(z != 0)]",
        "\\tfrac12 \\inf_a \\left[\\frac{w^2 V(a)}{\\lambda} + P(z \\ne 0)\\right]",
        "at most 1/2: for large |w| the gate stays on (a -> inf, eta_hat = inf)"));
    PenaltyFunctions functions = Functions.ofHardConcrete(gates, keepScale);
    List<CheckRow> checks = hardConcreteChecks(gates, functions, lambda);
    Expr f = Expr.call(spd.compiler.sym.Builtin.HARD_CONCRETE_DUAL, List.of(Expr.symbol(Context.ETA),
        rule.beta(), rule.gamma(), rule.zeta()));
    // Each eta_hat of the gates is a minimisation over a with quadratures inside: a coarser grid.
    List<Property> properties = PropertyAnalysis.of(context, List.of(), Optional.empty(), functions, 1, false,
        120);
    return new Derivation(context.input, "hard-concrete L0 gates", steps, Optional.empty(), Optional.empty(),
        new Penalty.Numeric("eta-trick over the gate parameter a with deterministic gate moments (Brent's method"
            + " in log a); cross-checked against a plain grid in log a"), new spd.compiler.penalty.Dual.ClosedForm(f), properties, checks,
        ClassicalMatcher.match(functions, context, properties), notes, functions);
  }
}

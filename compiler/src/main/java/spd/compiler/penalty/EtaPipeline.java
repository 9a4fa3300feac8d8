package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import spd.compiler.numeric.BehaviourAtZero;
import spd.compiler.numeric.Estimate;
import spd.compiler.numeric.NumericPenalty;
import spd.compiler.sym.Asymptotics;
import spd.compiler.sym.Compiled;
import spd.compiler.sym.Expr;
import spd.compiler.sym.LatexPrinter;
import spd.compiler.sym.Rewrites;
import spd.compiler.sym.Simplifier;
import spd.compiler.sym.TextPrinter;

/**
 * From an adaptive reweighting eta_hat(w) to everything else: Omega(w) = int_0^|w| t/eta_hat(t) dt in closed form
 * (checked against quadrature) or numerically, divergence at 0, the dual, the properties and the classical analogues.
 */
final class EtaPipeline {
  /** Closed forms must agree with quadrature to this relative difference, or they are not reported. */
  private static final double CHECK_TOLERANCE = 1e-8;

  private final Context context;
  private final List<Step> steps;
  private final List<String> notes;
  /** Quadrature values of Omega, computed once for the agreement check and the check table. */
  private final java.util.Map<Double, Estimate> references = new java.util.HashMap<>();

  private EtaPipeline(Context context, List<Step> steps, List<String> notes) {
    this.context = context;
    this.steps = new ArrayList<>(steps);
    this.notes = new ArrayList<>(notes);
  }

  /**
   * The derivation of a rule whose reweighting is {@code etaW} (in w).
   *
   * @param stepsSoFar the steps that led to eta_hat (from a mask's keep probability or variance)
   * @param keepW the keep probability in w, when the rule has one, for the report
   * @param keepScale s in keep = eta/(eta + s): lambda, or lr*lambda for a proximal step
   */
  static Derivation run(Context context, String description, List<Step> stepsSoFar, Expr etaW, Optional<Expr> keepW,
      double keepScale, List<String> notesSoFar) {
    return new EtaPipeline(context, stepsSoFar, notesSoFar).derive(description, etaW, keepW, keepScale);
  }

  private Derivation derive(String description, Expr etaW, Optional<Expr> keepW, double keepScale) {
    Expr etaT = Simplifier.normalize(etaW.substitute(Map.of(Context.W, Expr.symbol(Context.T))), context.positiveT);
    steps.add(Step.remark("envelope", "lambda*Omega'(w) = lambda*w/eta_hat(w): the gradient of the penalty is the"
        + " gradient of the reweighted Tikhonov term (lambda/2) w^2/eta with eta frozen (theory.md 2.2)"));
    Expr integrand = integrand(etaT);
    // The rule as written evaluates where its normal form overflows (tanh and cosh of large arguments).
    List<Expr> etaForms = List.of(etaT, Simplifier.simplify(etaW.substitute(Map.of(Context.W,
        Expr.symbol(Context.T))), context.positiveT, Rewrites.LIGHT).expr());
    DoubleUnaryOperator etaFunction = Compiled.function(etaForms, Context.T, context.values);
    PositiveReweighting.require(context, etaT, etaFunction);
    NumericPenalty numeric = NumericPenalty.of(etaFunction);
    Optional<String> divergence = divergence(integrand, numeric);
    if (divergence.isPresent()) {
      return divergent(description, etaW, etaT, integrand, keepW, keepScale, divergence.get());
    }
    Optional<Expr> omegaT = closedForm(integrand, numeric);
    Penalty penalty = omegaT.<Penalty>map(o -> new Penalty.ClosedForm(inW(o)))
        .orElseGet(() -> new Penalty.Numeric("adaptive quadrature of t/eta_hat(t) on [0, |w|] (Gauss-Kronrod with"
            + " error estimates)"));
    if (omegaT.isEmpty()) {
      steps.add(Step.remark("numeric", "no closed-form rule applies to this integrand: Omega is computed by adaptive"
          + " quadrature with an error estimate (see the check table)"));
    }
    Optional<DualDerivation.Result> dual = omegaT.flatMap(o -> DualDerivation.of(etaT, o, context));
    dual.ifPresent(d -> steps.addAll(d.steps()));
    Dual dualResult = dual.<Dual>map(d -> new Dual.ClosedForm(d.f()))
        .orElseGet(() -> new Dual.Numeric("sup over w of 2 Omega(w) - w^2/eta on a log grid refined by Brent's"
            + " method"));
    PenaltyFunctions functions = Functions.ofEta(context, etaForms, omegaT, dual.map(DualDerivation.Result::f),
        keepScale);
    List<CheckRow> checks = checks(functions, numeric, etaT);
    List<Property> properties = PropertyAnalysis.of(context, etaForms, Optional.of(integrand), functions,
        1, false);
    List<ClassicalMatch> classical = ClassicalMatcher.match(functions, context, properties);
    return new Derivation(context.input, description, steps, Optional.of(etaW), keepW, penalty, dualResult,
        properties, checks, classical, notes, functions);
  }

  /** t/eta_hat(t), with the raw form and each simplification as steps. */
  private Expr integrand(Expr etaT) {
    Expr t = Expr.symbol(Context.T);
    String rawText = "t/" + parenthesized(TextPrinter.print(etaT));
    String rawLatex = "\\frac{t}{" + LatexPrinter.print(etaT) + "}";
    steps.add(Step.integral("integrate", "Omega(w)", "\\Omega(w)", rawText, rawLatex, Expr.div(t, etaT),
        "theory.md 2.2, t = |w|; Omega(0) = 0"));
    Simplifier.Result simplified = Simplifier.simplify(Expr.div(t, etaT), context.positiveT, Rewrites.NORMALIZE);
    Expr g = simplified.expr();
    if (!TextPrinter.print(g).equals(rawText)) {
      String rules = simplified.rulesApplied().isEmpty() ? "cancel" : String.join(", ", simplified.rulesApplied());
      steps.add(Step.integral(rules, "", "", g, ""));
    }
    return g;
  }

  private static String parenthesized(String s) {
    return s.matches("[A-Za-z0-9_.^]+") ? s : "(" + s + ")";
  }

  /** Why Omega is infinite for every w != 0, when t/eta_hat(t) is not integrable at 0. */
  private Optional<String> divergence(Expr integrand, NumericPenalty numeric) {
    Asymptotics.Behaviour b = Asymptotics.leading(integrand, Context.T, Asymptotics.Point.ZERO_PLUS, context.values);
    if (b instanceof Asymptotics.Leading l) {
      double power = l.power().evaluate(context.values);
      if (power < -1 || (Math.abs(power + 1) < 1e-12 && l.logPower() >= -1)) {
        return Optional.of("t/eta_hat(t) ~ " + leading(l) + " as t -> 0+, which is not integrable at 0 (eta_hat"
            + " vanishes like t^" + PropertyAnalysis.format(1 - power) + ", i.e. like t^2 or faster)");
      }
      return Optional.empty();
    }
    if (b instanceof Asymptotics.Infinite) {
      return Optional.of("t/eta_hat(t) is infinite near 0");
    }
    if (numeric.behaviourAtZero() instanceof BehaviourAtZero.Divergent d) {
      return Optional.of("numerically (the leading terms at 0 cancel symbolically): " + d.reason());
    }
    return Optional.empty();
  }

  private static String leading(Asymptotics.Leading l) {
    Expr t = Expr.symbol(Context.T);
    Expr term = Expr.mul(l.coefficient(), Expr.pow(t, l.power()));
    if (l.logPower() != 0) {
      term = Expr.mul(term, Expr.pow(Expr.log(t), Expr.number(l.logPower())));
    }
    return term.toText();
  }

  private Derivation divergent(String description, Expr etaW, Expr etaT, Expr integrand, Optional<Expr> keepW,
      double keepScale, String why) {
    String explanation = why.replaceAll("\\.$", "") + ". So Omega(w) = inf for every w != 0: the only point of finite penalty is w = 0,"
        + " which absorbs the dropout iteration (a weight that becomes small gets a keep probability that vanishes"
        + " faster than the data can restore it).";
    steps.add(Step.remark("divergence", explanation));
    PenaltyFunctions functions = Functions.unavailable("Omega(w) is infinite for w != 0",
        Compiled.function(etaT, Context.T, context.values), keepScale);
    List<Property> properties = PropertyAnalysis.of(context, List.of(etaT), Optional.of(integrand), functions, 1,
        true);
    return new Derivation(context.input, description, steps, Optional.of(etaW), keepW,
        new Penalty.Divergent(explanation), new Dual.Unavailable("the penalty is infinite away from 0"), properties,
        List.of(), List.of(), notes, functions);
  }

  /** Omega in closed form (in t), when the integrator finds one that also agrees with quadrature. */
  private Optional<Expr> closedForm(Expr integrand, NumericPenalty numeric) {
    Optional<OmegaIntegrator.Result> result = OmegaIntegrator.fromZero(integrand, context);
    if (result.isEmpty()) {
      return Optional.empty();
    }
    Expr omega = result.get().omega();
    List<Step> integrationSteps = new ArrayList<>(result.get().steps());
    Simplifier.Result presented = Simplifier.simplify(omega, context.positiveT, Rewrites.PRESENT);
    if (!presented.expr().equals(omega)) {
      integrationSteps.add(Step.then(String.join(", ", presented.rulesApplied()), inW(presented.expr()), ""));
    }
    Expr finalForm = presented.expr();
    Optional<String> mismatch = disagreement(finalForm, numeric);
    if (mismatch.isPresent()) {
      notes.add("The closed form " + inW(finalForm).toText() + " found by the rules " + result.get().steps().stream()
          .map(Step::rule).toList() + " did not agree with quadrature (" + mismatch.get() + "); Omega is reported"
          + " numerically instead.");
      return Optional.empty();
    }
    steps.addAll(integrationSteps.stream().map(this::inWStep).toList());
    return Optional.of(finalForm);
  }

  /** A step's expression shown in |w| rather than t (integrals stay in t). */
  private Step inWStep(Step s) {
    if (s.value().isEmpty() || s.rhsText().startsWith("int_")) {
      return s;
    }
    Expr shown = inW(s.value().get());
    return Step.of(s.rule(), s.lhsText(), s.lhsLatex(), shown, s.note());
  }

  static Expr inW(Expr e) {
    return PropertyAnalysis.inW(e);
  }

  private Optional<String> disagreement(Expr omegaT, NumericPenalty numeric) {
    DoubleUnaryOperator closed = Compiled.function(omegaT, Context.T, context.values);
    for (double w : checkPoints(omegaT)) {
      Estimate reference = reference(numeric, w);
      if (!reference.converged()) {
        continue;
      }
      double value = closed.applyAsDouble(w);
      double allowed = CHECK_TOLERANCE * Math.max(Math.abs(reference.value()), 1e-12) + 2 * reference.error();
      if (!(Math.abs(value - reference.value()) <= allowed)) {
        return Optional.of("at w = " + PropertyAnalysis.format(w) + ": " + PropertyAnalysis.format(value) + " against "
            + PropertyAnalysis.format(reference.value()));
      }
    }
    return Optional.empty();
  }

  private Estimate reference(NumericPenalty numeric, double w) {
    return references.computeIfAbsent(w, numeric::omega);
  }

  /** 0.1, 1, 3 and, for piecewise results, a point inside each piece and one beyond the last breakpoint. */
  private TreeSet<Double> checkPoints(Expr e) {
    TreeSet<Double> points = new TreeSet<>(List.of(0.1, 1.0, 3.0));
    List<Segments.Segment> segments = Segments.of(e, context);
    if (segments != null && segments.size() > 1) {
      for (Segments.Segment s : segments) {
        double lo = s.lower().evaluate(context.values);
        double hi = s.upper().map(u -> u.evaluate(context.values)).orElse(2 * lo + 1);
        points.add((lo + hi) / 2);
      }
    }
    return points;
  }

  private List<CheckRow> checks(PenaltyFunctions functions, NumericPenalty numeric, Expr etaT) {
    List<CheckRow> rows = new ArrayList<>();
    for (double w : checkPoints(etaT)) {
      Estimate value = functions.omega(w);
      Estimate reference = reference(numeric, w);
      rows.add(new CheckRow(w, value.value(), reference.value(), reference.error(), "quadrature"));
    }
    return rows;
  }
}

package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import spd.compiler.numeric.Estimate;
import spd.compiler.numeric.NumericPenalty;
import spd.compiler.sym.Compiled;
import spd.compiler.sym.Expr;
import spd.compiler.sym.NotDifferentiableException;
import spd.compiler.sym.Rewrites;
import spd.compiler.sym.Simplifier;

/**
 * The reverse direction: from a penalty Omega(w) to the adaptive dropout rule that implements it, eta_hat(w) =
 * w/Omega'(w) (envelope theorem, theory.md 2.2), its keep probability eta_hat/(eta_hat + lambda) and Gaussian variance
 * lambda/eta_hat.
 */
final class ReversePipeline {
  private ReversePipeline() {}

  static Derivation run(Context context, Rule.PenaltyRule rule) {
    List<Step> steps = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Expr omegaW = rule.omega();
    steps.add(Step.of("penalty", "Omega(w)", "\\Omega(w)", omegaW, rule.weight().map(w -> "weight " + w.toText())
        .orElse("as written")));
    Expr t = Expr.symbol(Context.T);
    Expr omegaT = Simplifier.normalize(omegaW.substitute(Map.of(Context.W, t)), context.positiveT);
    Expr atZero = valueAtZero(omegaT, context);
    if (!atZero.equals(Expr.ZERO)) {
      notes.add("Omega(0) = " + atZero.toText() + " is subtracted: penalties are compared with Omega(0) = 0, and an"
          + " additive constant changes no gradient.");
      omegaT = Simplifier.normalize(Expr.sub(omegaT, atZero), context.positiveT);
    }
    Expr derivative;
    try {
      derivative = Simplifier.normalize(omegaT.derivative(Context.T), context.positiveT);
    } catch (NotDifferentiableException e) {
      throw new DerivationException(context.input.sourcePath() + ": the penalty of " + context.input.experimentName()
          + " uses a function known only numerically; write Omega in closed form to derive its rule");
    }
    steps.add(Step.of("differentiate", "Omega'(w)", "\\Omega'(w)", EtaPipeline.inW(derivative), "for w > 0"));
    Expr etaT = Simplifier.normalize(Expr.div(t, derivative), context.positiveT);
    Expr etaW = present(EtaPipeline.inW(etaT), context);
    steps.add(Step.of("envelope", "eta_hat(w)", "\\hat\\eta(w)", etaW,
        "|w|/Omega'(|w|): the minimiser of w^2/eta + f(eta) (theory.md 2.2); Omega' = 0 means eta = inf"));
    Expr keepW = present(MaskAlgebra.keepOfEta(etaW, context.lambda), context);
    steps.add(Step.of("keep", "keep(w)", "\\alpha(w)", keepW, "eta_hat/(eta_hat + lambda): the scaled-Bernoulli"
        + " keep probability (theory.md 1.3)"));
    Expr variance = present(varianceOf(etaW, context), context);
    steps.add(Step.of("variance", "Var m", "\\operatorname{Var} m", variance,
        "lambda/eta_hat: the Gaussian mask with the same effective penalty"));
    List<Expr> etaForms = List.of(etaT, Expr.div(t, asWrittenDerivative(omegaW, context)));
    DoubleUnaryOperator eta = Compiled.function(etaForms, Context.T, context.values);
    PositiveReweighting.requireIncreasingPenalty(context, etaT, eta);
    NumericPenalty numeric = NumericPenalty.of(eta);
    Optional<DualDerivation.Result> dual = DualDerivation.of(etaT, omegaT, context);
    dual.ifPresent(d -> steps.addAll(d.steps()));
    PenaltyFunctions functions = Functions.ofEta(context, etaForms, Optional.of(omegaT),
        dual.map(DualDerivation.Result::f), context.lambdaValue);
    List<CheckRow> checks = new ArrayList<>();
    for (double w : new double[] {0.1, 1, 3}) {
      Estimate reference = numeric.omega(w);
      checks.add(new CheckRow(w, functions.omega(w).value(), reference.value(), reference.error(),
          "int_0^|w| t/eta_hat(t) dt"));
    }
    List<Property> properties = PropertyAnalysis.of(context, etaForms, Optional.of(derivative), functions, 1,
        false);
    Dual dualResult = dual.<Dual>map(d -> new Dual.ClosedForm(d.f()))
        .orElseGet(() -> new Dual.Numeric("sup over w of 2 Omega(w) - w^2/eta, numerically"));
    return new Derivation(context.input, "penalty (reverse direction: the adaptive rule that implements it)", steps,
        Optional.of(etaW), Optional.of(keepW), new Penalty.ClosedForm(EtaPipeline.inW(present(omegaT, context))),
        dualResult, properties, checks, ClassicalMatcher.match(functions, context, properties), notes, functions);
  }

  /** Omega'(t) of the penalty as written (no normalisation), for evaluation where the normal form overflows. */
  private static Expr asWrittenDerivative(Expr omegaW, Context context) {
    Expr light = Simplifier.simplify(omegaW.substitute(Map.of(Context.W, Expr.symbol(Context.T))), context.positiveT,
        Rewrites.LIGHT).expr();
    return light.derivative(Context.T);
  }

  /** Omega(0), which a penalty needs finite: the constant subtracted so that Omega(0) = 0. */
  private static Expr valueAtZero(Expr omegaT, Context context) {
    Expr atZero;
    try {
      atZero = Simplifier.normalize(omegaT.substitute(Map.of(Context.T, Expr.ZERO)), context.realW);
    } catch (ArithmeticException undefined) {
      atZero = Expr.infinity();
    }
    if (atZero.equals(Expr.infinity()) || !Double.isFinite(PenaltyDeriver.value(context, atZero))) {
      throw new DerivationException(context.input.sourcePath() + ": the penalty of " + context.input.experimentName()
          + " is not finite at w = 0; a penalty Omega(w) must have a finite value there (Omega(0) = 0 after"
          + " subtracting it)");
    }
    return atZero;
  }

  private static Expr varianceOf(Expr eta, Context context) {
    if (eta instanceof spd.compiler.sym.Piecewise p) {
      return Expr.piecewise(p.pieces().stream().map(piece -> new spd.compiler.sym.Piece(piece.when(),
          varianceOf(piece.value(), context))).toList(), varianceOf(p.otherwise(), context));
    }
    return Simplifier.normalize(Expr.div(context.lambda, eta), context.realW);
  }

  private static Expr present(Expr e, Context context) {
    return Simplifier.simplify(e, context.positiveT, Rewrites.PRESENT).expr();
  }
}

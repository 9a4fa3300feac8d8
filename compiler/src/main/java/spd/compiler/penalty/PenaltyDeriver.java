package spd.compiler.penalty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import spd.compiler.numeric.Deadline;
import spd.compiler.sym.Effort;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Simplifier;

/**
 * The entry point of the penalty derivation: from one experiment's masking rule to its effective penalty Omega(w), the
 * adaptive reweighting eta_hat(w), the keep probability, the dual f(eta), the properties, a numeric cross-check and
 * the closest classical penalties (theory.md sections 2 and 3). The derivation is a straight list of named passes;
 * each appends the steps it took.
 */
public final class PenaltyDeriver {
  /**
   * The time the symbolic derivation may take before it is abandoned for a numeric one; the examples need 2 to 20 ms.
   * With the numeric passes and the reports, a derivation stays well under 2 s.
   */
  static final Duration SYMBOLIC_BUDGET = Duration.ofMillis(1000);

  private PenaltyDeriver() {}

  /**
   * Derives the effective penalty of {@code input}'s rule.
   *
   * @throws DerivationException when the input cannot be derived (a constant without a value, an unknown symbol); the
   *     message says what to change
   */
  public static Derivation derive(DerivationInput input) {
    if (!input.constants().containsKey(input.lambdaSymbol())) {
      return withNote(derive(withDefaultLambda(input)), "The experiment sets no " + input.lambdaSymbol() + ": it is"
          + " taken as 1. For a mask the total penalty " + input.lambdaSymbol() + "*Omega(w) does not depend on it"
          + " (theory.md 2.2, last row of the conversion table).");
    }
    requireValues(input);
    Optional<Effort.Result<Derivation>> symbolic = Deadline.attempt(SYMBOLIC_BUDGET, "the symbolic derivation",
        () -> Effort.run(Effort.DEFAULT_BUDGET, () -> passes(input)));
    if (symbolic.isPresent()) {
      Effort.Result<Derivation> result = symbolic.get();
      return result.abandoned().isEmpty() ? result.value() : withNote(result.value(), "Symbolic steps abandoned for"
          + " time (each may take " + Deadline.describe(Effort.DEFAULT_BUDGET) + "): " + String.join("; ",
          result.abandoned()) + ". What they would have simplified or found is shown as far as it got, or computed"
          + " numerically.");
    }
    Effort.Result<Derivation> numeric = Effort.run(Duration.ZERO, () -> passes(input));
    return withNote(numeric.value(), "The symbolic derivation did not finish within "
        + Deadline.describe(SYMBOLIC_BUDGET) + " (exact arithmetic on this rule grows too large), so it was abandoned:"
        + " the rule is used as written, and Omega, its dual and the properties are computed numerically, with the"
        + " error estimates in the check table.");
  }

  /** The derivation's passes for the input's kind of rule. */
  private static Derivation passes(DerivationInput input) {
    Context context = new Context(input);
    return switch (input.rule()) {
      case Rule.EtaRule r -> EtaPipeline.run(context, "adaptive reweighting eta(w)", new ArrayList<>(List.of(
          Step.of("reweighting", "eta_hat(w)", "\\hat\\eta(w)", r.eta(), "the adaptive rule, as written"))),
          r.eta(), Optional.of(MaskAlgebra.keepOfEta(r.eta(), context.lambda)), context.lambdaValue, List.of());
      case Rule.KeepRule r -> MaskAlgebra.fromKeep(context, r);
      case Rule.VarianceRule r -> MaskAlgebra.fromVariance(context, r);
      case Rule.PenaltyRule r -> ReversePipeline.run(context, r);
      case Rule.DualRule r -> DualPipeline.fromDual(context, r);
      case Rule.VariationalDropout r -> DualPipeline.variationalDropout(context, r);
      case Rule.HardConcrete r -> DualPipeline.hardConcrete(context, r);
      case Rule.MagnitudePruning r -> NonPenalties.magnitudePruning(context, r);
      case Rule.NoRegularization r -> NonPenalties.none(context);
    };
  }

  private static DerivationInput withDefaultLambda(DerivationInput input) {
    java.util.Map<String, Constant> constants = new java.util.LinkedHashMap<>(input.constants());
    constants.put(input.lambdaSymbol(), new Constant(input.lambdaSymbol(), spd.compiler.sym.Rational.ONE, 0,
        "(default)"));
    return new DerivationInput(input.experimentName(), input.sourcePath(), input.rule(), constants,
        input.lambdaSymbol(), input.inputs());
  }

  private static Derivation withNote(Derivation d, String note) {
    List<String> notes = new ArrayList<>(d.notes());
    notes.add(0, note);
    return new Derivation(d.input(), d.ruleDescription(), d.steps(), d.etaHat(), d.keep(), d.penalty(), d.dual(),
        d.properties(), d.checks(), d.classical(), notes, d.functions());
  }

  /** Every symbol the rule uses, other than w, eta and t, must be a constant with a value. */
  private static void requireValues(DerivationInput input) {
    Set<String> used = new TreeSet<>();
    for (Expr e : expressions(input.rule())) {
      used.addAll(e.freeSymbols());
    }
    // lr, the learning rate, only scales a proximal keep probability; MaskAlgebra handles its absence.
    used.removeAll(Set.of(Context.W, Context.ETA, Context.T, "lr"));
    for (String name : used) {
      if (!input.constants().containsKey(name)) {
        throw new DerivationException(input.sourcePath() + ": experiment " + input.experimentName() + " uses '" + name
            + "' without a value; define it with `let " + name + " = ...` (or pass it to the rule)");
      }
    }
  }

  private static List<Expr> expressions(Rule rule) {
    List<Expr> list = new ArrayList<>();
    switch (rule) {
      case Rule.EtaRule r -> list.add(r.eta());
      case Rule.KeepRule r -> {
        list.add(r.keep());
        r.eta().ifPresent(list::add);
        r.minKeep().ifPresent(list::add);
      }
      case Rule.VarianceRule r -> {
        list.add(r.variance());
        r.eta().ifPresent(list::add);
      }
      case Rule.PenaltyRule r -> {
        list.add(r.omega());
        r.weight().ifPresent(list::add);
      }
      case Rule.DualRule r -> list.add(r.f());
      case Rule.HardConcrete r -> list.addAll(List.of(r.beta(), r.gamma(), r.zeta()));
      case Rule.MagnitudePruning r -> list.add(r.target());
      case Rule.VariationalDropout r -> { }
      case Rule.NoRegularization r -> { }
    }
    return list;
  }

  /** e evaluated at the constants' values. */
  static double value(Context context, Expr e) {
    return Simplifier.normalize(e, context.realW).evaluate(Map.copyOf(context.values));
  }
}

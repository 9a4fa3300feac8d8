package spd.compiler.penalty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.sym.Rational;

/**
 * The penalty derivation, from one experiment's masking rule to its effective penalty Omega(w), as a list of named
 * stages over an immutable {@link DerivationState} (theory.md sections 2 and 3). Each stage adds to the state and
 * records what it did; the record is the report's outline.
 */
public final class PenaltyDeriver {
  /** The stages, in order. */
  private static final List<Stage> STAGES = List.of(
      new ReduceStage(),      // the rule -> eta_hat (mask algebra, envelope theorem, stationarity of a dual)
      new IntegrateStage(),   // eta_hat -> Omega = int_0^|w| t/eta_hat(t) dt, in closed form or by quadrature
      new CheckStage(),       // Omega against quadrature; a closed form that disagrees is not reported
      new DualStage(),        // f(eta) = sup_w [2 Omega(w) - w^2/eta]
      new PropertiesStage(),  // monotone, subquadratic, slope at 0, sparsity, threshold, growth, convexity
      new ClassicalStage());  // the classical penalties it equals or resembles

  private PenaltyDeriver() {}

  /** The stages' ids, in order (what {@code spd derive --dump-after} accepts). */
  public static List<String> stageIds() {
    return STAGES.stream().map(Stage::id).toList();
  }

  /**
   * Derives the effective penalty of {@code input}'s rule.
   *
   * @throws DerivationException when the input cannot be derived (a constant without a value, an unknown symbol); the
   *     message says what to change
   */
  public static Derivation derive(DerivationInput input) {
    return derive(input, StageBudget.UNLIMITED);
  }

  /** Derives the effective penalty with each stage run within {@code budget}. */
  public static Derivation derive(DerivationInput input, StageBudget budget) {
    return new StageRunner(STAGES, budget).run(initialState(input)).toDerivation();
  }

  /**
   * The state after the stage with id {@code lastStage}, for inspection.
   *
   * @throws IllegalArgumentException when no stage has that id
   */
  public static DerivationState deriveThrough(DerivationInput input, String lastStage) {
    if (!stageIds().contains(lastStage)) {
      throw new IllegalArgumentException("no stage '" + lastStage + "'; the stages are " + stageIds());
    }
    return new StageRunner(STAGES, StageBudget.UNLIMITED).runThrough(initialState(input), Optional.of(lastStage));
  }

  /** The input with lambda = 1 when the experiment sets none, and the note that says so. */
  private static DerivationState initialState(DerivationInput input) {
    if (input.constants().containsKey(input.lambdaSymbol())) {
      return DerivationState.initial(input, List.of());
    }
    Map<String, Constant> constants = new LinkedHashMap<>(input.constants());
    constants.put(input.lambdaSymbol(), new Constant(input.lambdaSymbol(), Rational.ONE, 0, "(default)"));
    DerivationInput withLambda = new DerivationInput(input.experimentName(), input.sourcePath(), input.rule(),
        constants, input.lambdaSymbol(), input.inputs(), input.at());
    return DerivationState.initial(withLambda, List.of("The experiment sets no " + input.lambdaSymbol() + ": it is"
        + " taken as 1. For a mask the total penalty " + input.lambdaSymbol() + "*Omega(w) does not depend on it"
        + " (theory.md 2.2, last row of the conversion table)."));
  }
}

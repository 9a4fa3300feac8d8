package spd.compiler.penalty;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.numeric.Deadline;
import spd.compiler.sym.Effort;
import spd.compiler.sym.Rational;

/**
 * The penalty derivation, from one experiment's masking rule to its effective penalty Omega(w), as a list of named
 * stages over an immutable {@link DerivationState} (theory.md sections 2 and 3). Each stage adds to the state and
 * records what it did; the record is the report's outline.
 */
public final class PenaltyDeriver {
    /**
     * The time the symbolic derivation may take before it is abandoned for a numeric one; the examples need 2 to 20 ms.
     * With the numeric passes and the reports, a derivation stays well under 2 s.
     */
    static final Duration SYMBOLIC_BUDGET = Duration.ofMillis(1000);

    /** The stages, in order. */
    private static final List<Stage> STAGES = List.of(
            new ReduceStage(), // the rule -> eta_hat (mask algebra, envelope theorem, stationarity of a dual)
            new IntegrateStage(), // eta_hat -> Omega = int_0^|w| t/eta_hat(t) dt, in closed form or by quadrature
            new CheckStage(), // Omega against quadrature; a closed form that disagrees is not reported
            new DualStage(), // f(eta) = sup_w [2 Omega(w) - w^2/eta]
            new PropertiesStage(), // monotone, subquadratic, slope at 0, sparsity, threshold, growth, convexity
            new ClassicalStage()); // the classical penalties it equals or resembles

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

    /**
     * Derives the effective penalty with each stage run within {@code budget}, and the whole symbolic derivation within
     * {@link #SYMBOLIC_BUDGET} of CPU time: past that it is rerun with no symbolic time (numeric from the rule as
     * written), and a note says so; symbolic operations abandoned for time (each may take {@link
     * Effort#DEFAULT_BUDGET}) are listed in a note.
     */
    public static Derivation derive(DerivationInput input, StageBudget budget) {
        try {
            return deriveWithin(input, budget);
        } catch (ArithmeticException undefined) {
            // Exact arithmetic meets a value with no meaning (0 * inf from a rule that uses inf as a number): no
            // penalty.
            throw new DerivationException("the rule of " + input.experimentName() + " has no defined value where spd"
                    + " simplifies it (" + undefined.getMessage()
                    + "); inf belongs in a piecewise case (inf otherwise), not in"
                    + " arithmetic");
        }
    }

    private static Derivation deriveWithin(DerivationInput input, StageBudget budget) {
        StageRunner runner = new StageRunner(STAGES, budget);
        DerivationState initial = initialState(input);
        Optional<Effort.Result<DerivationState>> symbolic = Deadline.attempt(
                SYMBOLIC_BUDGET,
                "the symbolic derivation",
                () -> Effort.run(Effort.DEFAULT_BUDGET, () -> runner.run(initial)));
        if (symbolic.isPresent()) {
            Effort.Result<DerivationState> result = symbolic.get();
            return result.abandoned().isEmpty()
                    ? result.value().toDerivation()
                    : withLeadingNote(
                            result.value(),
                            initial.notes().size(),
                            "Symbolic steps abandoned for time (each may take "
                                    + Deadline.describe(Effort.DEFAULT_BUDGET) + "): "
                                    + String.join("; ", result.abandoned()) + ". What they"
                                    + " would have simplified or found is shown as far as it got, or computed numerically.");
        }
        Effort.Result<DerivationState> numeric = Effort.run(Duration.ZERO, () -> runner.run(initial));
        return withLeadingNote(
                numeric.value(),
                initial.notes().size(),
                "The symbolic derivation did not finish within "
                        + Deadline.describe(SYMBOLIC_BUDGET)
                        + " (exact arithmetic on this rule grows too large), so it was abandoned:"
                        + " the rule is used as written, and Omega, its dual and the properties are computed numerically, with the"
                        + " error estimates in the check table.");
    }

    /** The derivation with a note after the input's own notes, before the stages' notes. */
    private static Derivation withLeadingNote(DerivationState state, int position, String note) {
        java.util.List<String> notes = new java.util.ArrayList<>(state.notes());
        notes.add(position, note);
        Derivation d = state.toDerivation();
        return new Derivation(
                d.input(),
                d.ruleDescription(),
                d.stages(),
                d.etaHat(),
                d.keep(),
                d.penalty(),
                d.dual(),
                d.properties(),
                d.checks(),
                d.classical(),
                notes,
                d.functions());
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
        DerivationInput withLambda = new DerivationInput(
                input.experimentName(),
                input.sourcePath(),
                input.rule(),
                constants,
                input.lambdaSymbol(),
                input.inputs(),
                input.at());
        return DerivationState.initial(
                withLambda,
                List.of("The experiment sets no " + input.lambdaSymbol() + ": it is"
                        + " taken as 1. For a mask the total penalty " + input.lambdaSymbol()
                        + "*Omega(w) does not depend on it"
                        + " (theory.md 2.2, last row of the conversion table)."));
    }
}

package spd.compiler.penalty;

import java.util.List;
import java.util.Optional;

/**
 * Runs a list of stages over an immutable {@link DerivationState}, each within its {@link StageBudget}, and appends
 * each stage's record to the state's log. It can stop after a named stage, for {@code spd derive --dump-after}.
 */
final class StageRunner {
    private final List<Stage> stages;
    private final StageBudget budget;

    StageRunner(List<Stage> stages, StageBudget budget) {
        this.stages = List.copyOf(stages);
        this.budget = budget;
    }

    /** The state after every stage. */
    DerivationState run(DerivationState initial) {
        return runThrough(initial, Optional.empty());
    }

    /** The state after the stage {@code last} (or after every stage when empty). */
    DerivationState runThrough(DerivationState initial, Optional<String> last) {
        DerivationState state = initial;
        for (Stage stage : stages) {
            state = runOne(stage, state);
            if (last.isPresent() && last.get().equals(stage.id())) {
                break;
            }
        }
        return state;
    }

    private DerivationState runOne(Stage stage, DerivationState state) {
        Stage.Outcome outcome;
        try {
            outcome = budget.run(stage.id(), () -> stage.run(state));
        } catch (StageBudget.Exceeded e) {
            outcome = stage.fallback(state, e.getMessage());
        }
        return outcome.state().logged(new StageRecord(stage.id(), stage.title(), outcome.summary(), outcome.steps()));
    }
}

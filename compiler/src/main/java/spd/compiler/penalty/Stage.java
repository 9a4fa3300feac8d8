package spd.compiler.penalty;

import java.util.List;
import java.util.Objects;

/**
 * One named stage of the derivation: a function from the state so far to the next state, which also says what it did
 * (its steps and a one-line summary, which the stage log keeps and the report shows as a heading).
 */
interface Stage {
    /** The short name, e.g. {@code integrate}. */
    String id();

    /** The heading in reports, e.g. "Integrate Omega". */
    String title();

    /** Runs the stage. */
    Outcome run(DerivationState state);

    /**
     * What the stage gives when its budget runs out ({@link StageBudget}): a state that later stages can continue from,
     * by numerics, with the reason in a note. The default gives up on the whole derivation.
     */
    default Outcome fallback(DerivationState state, String why) {
        throw new DerivationException(
                "the derivation of " + state.input().experimentName() + " stopped in its '" + id() + "' stage: " + why);
    }

    /** A stage's result: the next state, the stage's steps and its conclusion in one line. */
    record Outcome(DerivationState state, List<Step> steps, String summary) {
        public Outcome {
            Objects.requireNonNull(state, "state");
            steps = List.copyOf(steps);
            Objects.requireNonNull(summary, "summary");
        }

        /** A result with no steps. */
        static Outcome of(DerivationState state, String summary) {
            return new Outcome(state, List.of(), summary);
        }
    }
}

package spd.compiler.penalty;

import java.time.Duration;
import java.util.function.Supplier;
import spd.compiler.numeric.Deadline;
import spd.compiler.numeric.DeadlineExceeded;

/**
 * How long each stage of a derivation may run: the hook through which the symbolic engine's deadline applies per
 * stage. {@link StageRunner} calls {@link #run} around every stage; an implementation starts the engine's deadline for
 * the stage, runs it, and turns the engine's "time is up" into {@link Exceeded}, upon which the runner takes the
 * stage's {@link Stage#fallback}. The default budget is unlimited.
 */
public interface StageBudget {
    /** No limit: every stage runs to completion. */
    StageBudget UNLIMITED = new StageBudget() {
        @Override
        public <T> T run(String stage, Supplier<T> work) {
            return work.get();
        }
    };

    /** At most {@code perStage} of CPU time for each stage, by the engine's {@link Deadline}. */
    static StageBudget perStage(Duration perStage) {
        return new StageBudget() {
            @Override
            public <T> T run(String stage, Supplier<T> work) {
                try {
                    return Deadline.within(perStage, "the '" + stage + "' stage", work);
                } catch (DeadlineExceeded e) {
                    throw new Exceeded(e.getMessage());
                }
            }
        };
    }

    /**
     * Runs one stage's work within its budget.
     *
     * @param stage the stage's id, e.g. {@code integrate}
     * @throws Exceeded when the budget runs out before the work is done
     */
    <T> T run(String stage, Supplier<T> work);

    /** The budget of a stage ran out; the message says which and why (e.g. "no result after 500 ms"). */
    final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Exceeded(String message) {
            super(message);
        }
    }
}

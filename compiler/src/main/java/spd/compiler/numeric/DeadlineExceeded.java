package spd.compiler.numeric;

import java.time.Duration;

/**
 * Thrown by {@link Deadline#check()} when a time limit has passed: the work it bounded was abandoned. Carries the
 * limit that expired so that only the code that set it catches it (and falls back, saying what was abandoned).
 */
public final class DeadlineExceeded extends RuntimeException {
    private final transient Deadline.Scope scope;

    DeadlineExceeded(Deadline.Scope scope) {
        super(null, null, false, false);
        this.scope = scope;
    }

    /** The limit that expired. */
    public Deadline.Scope scope() {
        return scope;
    }

    /** What the expired limit bounded. */
    public String what() {
        return scope.what();
    }

    /** The budget of the expired limit. */
    public Duration budget() {
        return scope.budget();
    }

    @Override
    public String getMessage() {
        return scope.what() + " did not finish within " + Deadline.describe(scope.budget());
    }
}

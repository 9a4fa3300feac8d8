package spd.compiler.sym;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import spd.compiler.numeric.Deadline;

/**
 * How long one symbolic operation (a simplification, a cancellation, an antiderivative, an inverse, a leading term)
 * may run before it gives up, and the record of those that did. Every such operation has a sound answer when it gives
 * up: the expression as simplified so far, no antiderivative, no inverse, an unknown leading term. So an input that
 * makes exact arithmetic explode costs at most one budget per operation, and the caller learns what was abandoned from
 * {@link #run}.
 *
 * <p>The budget is per thread and per operation ({@link #DEFAULT_BUDGET} unless {@link #run} sets another; zero makes
 * every symbolic operation give up at its first check, which is how a derivation goes fully numeric). Operations
 * nested in one another share the outer one's limit.
 */
public final class Effort {
    /** The default time one symbolic operation may take: about a hundred times what the examples' operations need. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(200);

    private static final ThreadLocal<Session> SESSION = new ThreadLocal<>();

    private Effort() {}

    /** A run of symbolic work: the per-operation budget and the operations abandoned so far. */
    private static final class Session {
        final Duration budget;
        final List<String> abandoned = new ArrayList<>();
        /** Whether an operation is running: nested ones run under its limit, not a fresh one. */
        boolean inOperation;

        Session(Duration budget) {
            this.budget = budget;
        }
    }

    /**
     * The result of work run under a per-operation budget, with a sentence for each symbolic operation that was
     * abandoned for time (what it was working on and after how long).
     */
    public record Result<T>(T value, List<String> abandoned) {}

    /** Runs {@code work} with {@code perOperation} as every symbolic operation's budget, recording what gives up. */
    public static <T> Result<T> run(Duration perOperation, Supplier<T> work) {
        Session outer = SESSION.get();
        Session session = new Session(perOperation);
        SESSION.set(session);
        try {
            T value = work.get();
            return new Result<>(value, List.copyOf(session.abandoned));
        } finally {
            SESSION.set(outer);
        }
    }

    /**
     * {@code work} under one operation's budget, or {@code fallback} (a sound answer: "not found", or the input
     * unchanged) when the budget runs out. {@code what} names the operation for the record, e.g. "cancel".
     */
    static <T> T bounded(String what, Expr subject, Supplier<T> work, Supplier<T> fallback) {
        Session session = SESSION.get();
        boolean temporary = session == null;
        if (temporary) {
            session = new Session(DEFAULT_BUDGET);
            SESSION.set(session);
        } else if (session.inOperation) {
            return work.get();
        }
        session.inOperation = true;
        try {
            Optional<T> result = Deadline.attempt(session.budget, what, work);
            if (result.isPresent()) {
                return result.get();
            }
            session.abandoned.add(
                    what + " of " + abbreviated(subject) + " (after " + Deadline.describe(session.budget) + ")");
            return fallback.get();
        } finally {
            session.inOperation = false;
            if (temporary) {
                SESSION.remove();
            }
        }
    }

    private static String abbreviated(Expr e) {
        String text = e.toText();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}

package spd.compiler.numeric;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A time limit on the current thread's work, checked cooperatively by the symbolic engine and the numerics in their
 * loops (polynomial gcd and remainders, simplification rounds, integration rules, quadrature panels, root and maximum
 * searches), so that no derivation runs unbounded on an input that makes exact arithmetic blow up.
 *
 * <p>Usage: run work under a budget with {@link #within}; the engine calls {@link #check()}, which throws
 * {@link DeadlineExceeded} once the innermost active limit has passed. Limits nest: an inner limit never extends an
 * outer one (the earlier end wins), and the exception names the limit that expired, so a caller that catches its own
 * limit's expiry (to fall back to something cheaper) lets an outer expiry propagate to the caller that set it;
 * {@link #attempt} packages that pattern. Without an active limit {@link #check()} costs one thread-local read.
 *
 * <p>Time is the thread's CPU time, so whether a budget suffices does not depend on how loaded the machine is (a
 * derivation gives the same result on a busy machine, only later); the clock is read at most once per millisecond of
 * wall time, so a check costs about 60 ns.
 */
public final class Deadline {
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_CLOCK = THREADS.isCurrentThreadCpuTimeSupported();
    /** How much wall time may pass between two readings of the (costlier) CPU clock. */
    private static final long CLOCK_READ_INTERVAL_NANOS = 1_000_000;

    private Deadline() {}

    /**
     * One active limit: what it bounds, its budget, and when it ends on the thread's CPU clock.
     *
     * @param what the work it bounds, for messages ("the symbolic derivation", "cancellation")
     * @param budget the time it was given
     * @param start the clock when it began
     * @param end when it ends: the earlier of start + budget and the enclosing limit's end
     * @param outer the enclosing limit, or null
     */
    public record Scope(String what, Duration budget, long start, long end, Scope outer) {
        /** CPU time of this thread since this limit began. */
        public Duration elapsed() {
            return Duration.ofNanos(clock() - start);
        }
    }

    /** The last clock reading of this thread and when (in wall time) it was taken. */
    private static final class Reading {
        long wallNanos = Long.MIN_VALUE;
        long clock;
    }

    private static final ThreadLocal<Reading> LAST_READING = ThreadLocal.withInitial(Reading::new);

    /**
     * Runs {@code work} with at most {@code budget} of CPU time (and no more than any enclosing limit leaves).
     *
     * @throws DeadlineExceeded from {@code work}'s checks, when this or an enclosing limit expires
     */
    public static <T> T within(Duration budget, String what, Supplier<T> work) {
        Scope outer = CURRENT.get();
        // The recent reading (at most a millisecond of wall time old) is enough: starting a limit a little early only
        // shortens it, and reading the CPU clock costs microseconds, more than many of the operations it bounds.
        long start = recentClock();
        long end = start + Math.min(nanos(budget), Long.MAX_VALUE / 4);
        if (outer != null && outer.end - end <= 0) {
            end = outer.end;
        }
        CURRENT.set(new Scope(what, budget, start, end, outer));
        try {
            return work.get();
        } finally {
            CURRENT.set(outer);
        }
    }

    /**
     * {@code work}'s result, or empty when this attempt's budget (or a limit nested inside it) ran out: the caller then
     * falls back to something cheaper and says so. An enclosing limit's expiry is not caught here: it propagates to the
     * caller that set it.
     */
    public static <T> Optional<T> attempt(Duration budget, String what, Supplier<T> work) {
        Scope[] mine = new Scope[1];
        try {
            return Optional.of(within(budget, what, () -> {
                mine[0] = CURRENT.get();
                return work.get();
            }));
        } catch (DeadlineExceeded e) {
            for (Scope s = mine[0] == null ? null : mine[0].outer; s != null; s = s.outer) {
                if (s == e.scope()) {
                    throw e;
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Throws {@link DeadlineExceeded} when the current limit (or an enclosing one) has passed; does nothing without an
     * active limit. The engine calls this once per iteration of its potentially long loops.
     */
    public static void check() {
        Scope scope = CURRENT.get();
        if (scope != null && recentClock() - scope.end >= 0) {
            throw new DeadlineExceeded(owner(scope));
        }
    }

    /** Whether the current limit has passed (false without one). */
    public static boolean expired() {
        Scope scope = CURRENT.get();
        return scope != null && clock() - scope.end >= 0;
    }

    /** The CPU time left under the current limit, or empty when there is none. */
    public static Optional<Duration> remaining() {
        Scope scope = CURRENT.get();
        return scope == null ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(0, scope.end - clock())));
    }

    /** The active limit, if any. */
    public static Optional<Scope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** A budget as people write it: "250 ms", "1.50 s". */
    public static String describe(Duration budget) {
        long millis = budget.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    /** The limit that set this scope's end: inner limits inherit an earlier outer end, and then the outer one owns it. */
    private static Scope owner(Scope scope) {
        Scope owner = scope;
        for (Scope s = scope.outer; s != null; s = s.outer) {
            if (s.end == scope.end) {
                owner = s;
            }
        }
        return owner;
    }

    /** The thread's CPU time in nanoseconds (wall time where the JVM cannot measure it). */
    private static long clock() {
        return CPU_CLOCK ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** The clock, read afresh only when a millisecond of wall time has passed since the last reading. */
    private static long recentClock() {
        Reading last = LAST_READING.get();
        long now = System.nanoTime();
        if (now - last.wallNanos >= CLOCK_READ_INTERVAL_NANOS || last.wallNanos == Long.MIN_VALUE) {
            last.clock = clock();
            last.wallNanos = now;
        }
        return last.clock;
    }

    private static long nanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}

package spd.compiler.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Time limits: checks throw only under an expired limit, nest, and are caught only by the code that set them. */
class DeadlineTest {

    /** Busy work until the current limit expires (the loop checks, as the engine's loops do). */
    private static int spin() {
        int n = 0;
        while (true) {
            Deadline.check();
            n++;
        }
    }

    @Test
    void checkDoesNothingWithoutALimit() {
        Deadline.check();
        assertFalse(Deadline.expired());
        assertTrue(Deadline.remaining().isEmpty());
    }

    @Test
    void workWithinItsBudgetReturnsItsValue() {
        assertEquals(42, Deadline.within(Duration.ofSeconds(10), "quick work", () -> 42));
        assertTrue(Deadline.current().isEmpty(), "the limit ends with the work");
    }

    @Test
    void expiredLimitThrowsAndNamesTheWork() {
        DeadlineExceeded e = assertThrows(
                DeadlineExceeded.class, () -> Deadline.within(Duration.ofMillis(20), "spinning", DeadlineTest::spin));
        assertEquals("spinning", e.what());
        assertEquals("spinning did not finish within 20 ms", e.getMessage());
        assertTrue(Deadline.current().isEmpty());
    }

    @Test
    void zeroBudgetExpiresAtTheFirstCheck() {
        assertEquals(Optional.empty(), Deadline.attempt(Duration.ZERO, "nothing allowed", () -> {
            Deadline.check();
            return "unreachable";
        }));
    }

    @Test
    void attemptReturnsEmptyWhenItsOwnBudgetRunsOut() {
        assertEquals(Optional.empty(), Deadline.attempt(Duration.ofMillis(20), "spinning", DeadlineTest::spin));
        assertEquals(Optional.of("done"), Deadline.attempt(Duration.ofSeconds(10), "quick", () -> "done"));
    }

    @Test
    void innerLimitNeverExtendsTheOuterOne() {
        Duration left = Deadline.within(
                Duration.ofMillis(50),
                "outer",
                () -> Deadline.within(
                        Duration.ofHours(1), "inner", () -> Deadline.remaining().orElseThrow()));
        assertTrue(left.compareTo(Duration.ofMillis(50)) <= 0, left.toString());
    }

    @Test
    void outerExpiryPropagatesThroughAnInnerAttempt() {
        // The inner attempt has an hour, the outer limit 30 ms: the expiry belongs to the outer limit, so the inner
        // attempt must not swallow it (its caller would fall back while the whole computation is already out of time).
        DeadlineExceeded e = assertThrows(
                DeadlineExceeded.class,
                () -> Deadline.within(
                        Duration.ofMillis(30),
                        "outer",
                        () -> Deadline.attempt(Duration.ofHours(1), "inner", DeadlineTest::spin)));
        assertEquals("outer", e.what());
    }

    @Test
    void innerExpiryIsCaughtByTheInnerAttemptAndTheOuterWorkGoesOn() {
        String result = Deadline.within(Duration.ofSeconds(30), "outer", () -> {
            Optional<Integer> inner = Deadline.attempt(Duration.ofMillis(20), "inner", DeadlineTest::spin);
            assertTrue(inner.isEmpty());
            Deadline.check(); // the outer limit still has time
            return "fell back";
        });
        assertEquals("fell back", result);
    }

    @Test
    void aLimitNestedInsideAnAttemptCountsAsTheAttemptsFailure() {
        Optional<Integer> outcome = Deadline.attempt(
                Duration.ofSeconds(30),
                "attempt",
                () -> Deadline.within(Duration.ofMillis(20), "nested", DeadlineTest::spin));
        assertTrue(outcome.isEmpty());
    }

    @Test
    void exceptionCarriesTheScopeThatExpired() {
        DeadlineExceeded e = assertThrows(
                DeadlineExceeded.class, () -> Deadline.within(Duration.ofMillis(20), "mine", DeadlineTest::spin));
        assertSame(null, e.scope().outer());
        assertEquals(Duration.ofMillis(20), e.budget());
    }

    @Test
    void budgetsAreDescribedAsPeopleWriteThem() {
        assertEquals("200 ms", Deadline.describe(Duration.ofMillis(200)));
        assertEquals("1.50 s", Deadline.describe(Duration.ofMillis(1500)));
    }
}

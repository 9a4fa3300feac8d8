package spd.compiler.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

/** Assertions against the printed oracles of theory.md §6: agreement to the digits the table prints. */
final class Oracle {
    private Oracle() {}

    /**
     * Asserts agreement with a printed oracle to 1e-6 relative, or to half a unit in its last printed digit when
     * the table prints fewer digits than that.
     */
    static void assertPrinted(String printed, Estimate actual, String what) {
        assertTrue(actual.converged(), what + ": " + actual);
        assertPrinted(printed, actual.value(), what);
    }

    static void assertPrinted(String printed, double actual, String what) {
        BigDecimal expected = new BigDecimal(printed);
        double halfUnit = 0.5 * Math.pow(10, -expected.scale());
        double tolerance = Math.max(halfUnit * (1 + 1e-9), 1e-6 * Math.abs(expected.doubleValue()));
        assertEquals(expected.doubleValue(), actual, tolerance, what + " (oracle " + printed + ")");
    }
}

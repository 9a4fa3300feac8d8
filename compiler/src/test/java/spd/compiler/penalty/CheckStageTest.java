package spd.compiler.penalty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A check row disagrees when its value lies outside its reference's error; the stage heading then says so. */
class CheckStageTest {
    @Test
    void theOldHardConcreteReferenceWouldHaveBeenFlagged() {
        // The check table of examples/hard_concrete.spd before the reference's grid included 1/lambda.
        assertTrue(CheckStage.disagrees(new CheckRow(0.01, 0.3717970176, 0.5, 6.6e-7, "min over log a")));
    }

    @Test
    void aPrintedOracleWithinItsLastDigitAgrees() {
        // theory.md 6.2 prints Omega(0.01) = 0.009992 (error 5e-7); the computed value is 0.009991663886.
        assertFalse(CheckStage.disagrees(new CheckRow(0.01, 0.009991663886, 0.009992, 5e-7, "theory.md 6.2")));
        assertFalse(CheckStage.disagrees(new CheckRow(1, 0.9135946375, 0.9135946375, 6.4e-13, "quadrature")));
    }

    @Test
    void aMissingReferenceIsNotAnAgreement() {
        assertTrue(CheckStage.disagrees(
                new CheckRow(1, 0.4054651081, Double.NaN, Double.POSITIVE_INFINITY, "quadrature")));
    }
}

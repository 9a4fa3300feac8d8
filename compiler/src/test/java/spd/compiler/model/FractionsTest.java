package spd.compiler.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import spd.compiler.sym.Rational;

class FractionsTest {
    @Test
    void recoversTheFractionADoubleCameFrom() {
        assertEquals(Optional.of(Rational.of(2, 3)), Fractions.simplest(2.0 / 3.0));
        assertEquals(Optional.of(Rational.of(-1, 10)), Fractions.simplest(-0.1));
        assertEquals(Optional.of(Rational.of(11, 10)), Fractions.simplest(1.1));
        assertTrue(Fractions.simplest(Math.sqrt(2)).isEmpty(), "an irrational number has no small fraction");
    }

    @Test
    void aFractionIsRepeatingWhenItsDenominatorHasOtherPrimesThanTwoAndFive() {
        assertTrue(Fractions.isRepeating(Rational.of(2, 3)));
        assertFalse(Fractions.isRepeating(Rational.of(1, 20)));
    }
}

package spd.compiler.sym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RationalTest {
    @Test
    void parsesDecimalsExactly() {
        assertEquals(Rational.of(1, 1000), Rational.parseDecimal("1e-3"));
        assertEquals(Rational.of(1307, 10000), Rational.parseDecimal("0.1307"));
        assertEquals(Rational.of(1, 2), Rational.parseDecimal(".5"));
        assertEquals(Rational.of(-2500), Rational.parseDecimal("-2.5E+3"));
        assertEquals(Rational.of(2), Rational.parseDecimal("2"));
        assertThrows(NumberFormatException.class, () -> Rational.parseDecimal("two"));
    }

    @Test
    void normalises() {
        assertEquals(new Rational(java.math.BigInteger.ONE, java.math.BigInteger.TWO), Rational.of(-3, -6));
        assertEquals(Rational.ZERO, Rational.of(0, 7));
        assertEquals(-0.5, Rational.of(3, -6).toDouble());
        assertThrows(ArithmeticException.class, () -> Rational.of(1, 0));
    }

    @Test
    void arithmetic() {
        assertEquals(Rational.of(5, 6), Rational.of(1, 2).add(Rational.of(1, 3)));
        assertEquals(Rational.of(1, 8), Rational.of(1, 2).pow(3));
        assertEquals(Rational.of(4), Rational.of(1, 2).pow(-2));
        assertEquals(Rational.of(2, 3), Rational.of(4, 9).exactRoot(2));
        assertEquals(null, Rational.of(2).exactRoot(2));
        assertEquals(-2, Rational.of(-3, 2).floor().intValue());
    }

    @Test
    void decimalText() {
        assertEquals("0.001", Rational.of(1, 1000).toDecimalString());
        assertEquals("0.1307", Rational.of(1307, 10000).toDecimalString());
        assertEquals("1/3", Rational.of(1, 3).toDecimalString());
        assertEquals("2", Rational.of(2).toDecimalString());
    }
}

package spd.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LiteralsTest {
  @Test
  void numbersAreShortAndExact() {
    assertEquals("2", Literals.number(2));
    assertEquals("0.2", Literals.number(0.2));
    assertEquals("1e-8", Literals.number(1e-8));
    assertEquals("1e-3", Literals.number(0.001));
    assertEquals("2.0 / 3.0", Literals.number(2.0 / 3.0));
    assertEquals(Double.toString(Math.log(19)), String.valueOf(Double.parseDouble(Literals.number(Math.log(19)))));
  }

  @Test
  void spdLiteralsThatAreJavaDoublesAreKeptAsWritten() {
    assertTrue(Literals.isJavaDouble("1e-3"));
    assertTrue(Literals.isJavaDouble(".5"));
    assertFalse(Literals.isJavaDouble("2/3"));
  }
}

package spd.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
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
    void wholeNumbersPastIntRangeAreDoubleLiterals() {
        assertEquals("2147483647", Literals.number(Integer.MAX_VALUE));
        assertEquals("2147483648.0", Literals.number(2147483648.0));
        assertEquals("3e9", Literals.number(3e9));
        assertEquals("-2147483649.0", Literals.number(-2147483649.0));
        assertEquals("1.7976931348623157e308", Literals.number(Double.MAX_VALUE));
    }

    @Test
    void spdLiteralsThatAreJavaDoublesAreKeptAsWritten() {
        assertTrue(Literals.isJavaDouble("1e-3", 1e-3));
        assertTrue(Literals.isJavaDouble(".5", 0.5));
        assertFalse(Literals.isJavaDouble("2/3", 2.0 / 3));
        assertEquals("0.25", Literals.constant(Optional.of("0.25"), 0.25));
    }

    @Test
    void spdLiteralsThatJavaReadsDifferentlyAreRewritten() {
        assertEquals("3e9", Literals.constant(Optional.of("3000000000"), 3e9), "int literal out of range");
        assertEquals("2147483648.0", Literals.constant(Optional.of("2147483648"), 2147483648.0));
        assertEquals("10", Literals.constant(Optional.of("010"), 10), "Java reads 010 as octal 8");
        assertEquals("9", Literals.constant(Optional.of("09"), 9), "Java rejects 09");
        assertEquals("0", Literals.constant(Optional.of("0"), 0));
        assertEquals("010.5", Literals.constant(Optional.of("010.5"), 10.5), "a literal with a point is never octal");
    }

    @Test
    void stringsEscapeEverythingThatCouldEndThemOrDecodeEarly() {
        assertEquals("\"a\\\"b\\\\c\"", Literals.string("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\\000\\177\"", Literals.string("\n\r\t\0\u007f"));
        assertEquals("\"\\u00e9\\u2028\"", Literals.string("é\u2028"));
        assertEquals("\"\\\\u000a\"", Literals.string("\\u000a"), "the backslash is doubled, so no escape forms");
    }

    @Test
    void commentTextCannotFormAnEscapeOrEndTheComment() {
        assertEquals("C:\\\\users\\\\underline", Literals.comment("C:\\users\\underline"));
        assertEquals("a \\\\u000a b", Literals.comment("a \\u000a b"));
        assertEquals("a\\x0ab\\x0dc", Literals.comment("a\nb\rc"));
        assertEquals("end * / here * /* /", Literals.comment("end */ here */*/"));
        assertEquals("\\x{2028}", Literals.comment("\u2028"));
        assertEquals("&#64;deprecated", Literals.javadoc("@deprecated"));
    }
}

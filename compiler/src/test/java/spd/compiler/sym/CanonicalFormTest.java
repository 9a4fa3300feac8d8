package spd.compiler.sym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static spd.compiler.sym.Expr.abs;
import static spd.compiler.sym.Expr.add;
import static spd.compiler.sym.Expr.div;
import static spd.compiler.sym.Expr.mul;
import static spd.compiler.sym.Expr.neg;
import static spd.compiler.sym.Expr.number;
import static spd.compiler.sym.Expr.pow;
import static spd.compiler.sym.Expr.sub;
import static spd.compiler.sym.Expr.symbol;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {
    private final Expr w = symbol("w");
    private final Expr eps = symbol("eps");
    private final Expr x = symbol("x");
    private final Expr y = symbol("y");

    @Test
    void likeTermsAndFactorsCollect() {
        assertEquals(mul(number(2), x), add(x, x));
        assertEquals(pow(x, number(2)), mul(x, x));
        assertEquals(Expr.ZERO, sub(x, x));
        assertEquals(Expr.ONE, div(x, x));
        assertEquals(add(x, y), add(y, x));
        assertEquals(mul(x, y), mul(y, x));
        assertEquals(add(add(x, y), number(1)), add(number(1), add(y, x)));
    }

    @Test
    void numbersFoldExactly() {
        assertEquals(number(Rational.of(1, 2)), div(number(1), number(2)));
        assertEquals(
                number(Rational.of(3, 1000)), add(number(Rational.parseDecimal("1e-3")), number(Rational.of(1, 500))));
        assertEquals(number(2), pow(number(4), Expr.HALF));
        assertEquals(mul(number(2), pow(number(2), Expr.HALF)), pow(number(2), number(Rational.of(3, 2))));
    }

    @Test
    void numberDistributesOverSum() {
        assertEquals(add(mul(number(2), x), number(2)), mul(number(2), add(x, number(1))));
        assertEquals(sub(y, x), neg(sub(x, y)));
    }

    @Test
    void absoluteValuesAndEvenPowers() {
        assertEquals(pow(w, number(2)), pow(abs(w), number(2)));
        assertEquals(pow(w, number(2)), mul(abs(w), abs(w)));
        assertEquals(abs(w), pow(pow(w, number(2)), Expr.HALF));
        assertEquals(abs(w), abs(neg(w)));
        assertEquals(abs(sub(w, number(1))), abs(sub(number(1), w)));
        assertEquals(mul(number(3), abs(w)), abs(mul(number(-3), w)));
        assertEquals(add(pow(w, number(2)), number(1)), abs(add(pow(w, number(2)), number(1))));
    }

    @Test
    void exponentialsAndLogarithmsCancel() {
        assertEquals(x, Expr.log(Expr.exp(x)));
        assertEquals(x, Expr.exp(Expr.log(x)));
        assertEquals(Expr.ONE, mul(Expr.exp(x), Expr.exp(neg(x))));
        assertEquals(Expr.exp(neg(x)), pow(Expr.exp(x), Expr.MINUS_ONE));
        assertEquals(pow(x, number(2)), Expr.exp(mul(number(2), Expr.log(x))));
    }

    @Test
    void infinityAsReciprocalOfZero() {
        assertEquals(Expr.infinity(), div(number(1), number(0)));
        assertEquals(Expr.ZERO, div(w, Expr.infinity()));
        assertEquals(Expr.infinity(), add(Expr.infinity(), symbol("lambda")));
        assertThrows(ArithmeticException.class, () -> mul(Expr.ZERO, Expr.infinity()));
    }

    @Test
    void piecewiseWithDecidedConditionsCollapses() {
        Piece always = new Piece(new Condition(number(1), Relation.LT, number(2)), x);
        assertEquals(x, Expr.piecewise(List.of(always), y));
        Piece never = new Piece(new Condition(number(3), Relation.LT, number(2)), x);
        assertEquals(y, Expr.piecewise(List.of(never), y));
    }

    @Test
    void sqrtAndAbsCallsBecomeNodes() {
        assertEquals(pow(x, Expr.HALF), Expr.call(Builtin.SQRT, List.of(x)));
        assertEquals(abs(x), Expr.call(Builtin.ABS, List.of(x)));
        assertThrows(IllegalArgumentException.class, () -> Expr.call(Builtin.LOG, List.of(x, y)));
    }

    @Test
    void substituteAndEvaluate() {
        Expr eta = mul(abs(w), add(abs(w), eps));
        assertEquals(3.0, eta.evaluate(Map.of("w", -1.0, "eps", 2.0)), 0);
        Expr keep = div(symbol("eta"), add(symbol("eta"), symbol("lambda")));
        Expr substituted = keep.substitute(Map.of("eta", eta));
        assertEquals(3.0 / 3.001, substituted.evaluate(Map.of("w", 1.0, "eps", 2.0, "lambda", 1e-3)), 1e-15);
        assertEquals(java.util.Set.of("eps", "lambda", "w"), substituted.freeSymbols());
        assertThrows(IllegalArgumentException.class, () -> eta.evaluate(Map.of("w", 1.0)));
    }

    @Test
    void structuralEqualityIsNotNumericCoincidence() {
        assertNotEquals(mul(x, add(x, y)), add(pow(x, number(2)), mul(x, y)));
    }

    @Test
    void textForm() {
        assertEquals(
                "log(1 + |w|/eps)", Expr.log(add(number(1), div(abs(w), eps))).toText());
        assertEquals("|w|*(|w| + eps)", mul(abs(w), add(abs(w), eps)).toText());
        Expr a = symbol("a");
        Expr lambda = symbol("lambda");
        assertEquals(
                "w - w^2/(2*a*lambda)",
                sub(w, div(pow(w, number(2)), mul(number(2), mul(a, lambda)))).toText());
        assertEquals("a*lambda - w", sub(mul(a, lambda), w).toText());
        assertEquals(
                "sqrt(w^2 + 4/c)",
                Expr.sqrt(add(pow(w, number(2)), div(number(4), symbol("c")))).toText());
        assertEquals("-x", neg(x).toText());
        assertEquals("1/2", Expr.HALF.toText());
        assertEquals("exp(-w)", Expr.exp(neg(w)).toText());
    }
}

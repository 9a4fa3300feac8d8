package spd.compiler.penalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import spd.compiler.testing.Expressions;

/** From a penalty to the adaptive rule that implements it: eta_hat = w/Omega'(w) (theory.md 2.2). */
class ReverseDirectionTest {

    @Test
    void logSumPenaltyGivesTheLogSumRule() {
        Derivation d = Inputs.penalty("log(1 + |w|/eps)", "eps", "2", "lambda", "1e-3");
        assertEquals(Expressions.parse("|w|*(|w| + eps)"), d.etaHat().orElseThrow());
        assertEquals(3 / (3 + 1e-3), d.functions().keep(1), 1e-15);
        for (CheckRow row : d.checks()) {
            assertTrue(row.relativeDifference() < 1e-10, row.toString());
        }
    }

    @Test
    void scadPenaltyGivesItsPiecewiseRule() {
        String scad = "piecewise { |w| if |w| < lambda, (2*a*lambda*|w| - w^2 - lambda^2)/(2*(a - 1)*lambda)"
                + " if |w| <= a*lambda, (a + 1)*lambda/2 otherwise }";
        Derivation d = Inputs.penalty(scad, "a", "3.7", "lambda", "1");
        String eta = d.etaHat().orElseThrow().toText();
        assertEquals(
                "piecewise { |w| if |w| < lambda, lambda*|w|*(a - 1)/(a*lambda - |w|) if |w| <= a*lambda,"
                        + " inf otherwise }",
                eta);
        assertEquals(Double.POSITIVE_INFINITY, d.functions().etaHat(5), 0);
        assertEquals(1, d.functions().keep(5), 0, "keep probability 1 beyond a*lambda");
        assertEquals(2.7 * 2 / (3.7 - 2), d.functions().etaHat(2), 1e-12);
        assertTrue(d.steps().stream().anyMatch(s -> s.rule().equals("variance")));
        assertTrue(d.property("monotone").orElseThrow().holds());
    }

    @Test
    void additiveConstantIsDropped() {
        Derivation d = Inputs.penalty("log(|w| + eps)", "eps", "2", "lambda", "1");
        assertEquals(0, d.functions().omega(0).value(), 1e-15);
        assertTrue(d.notes().get(0).startsWith("Omega(0) = log(eps)"), d.notes().toString());
    }

    @Test
    void mcpPenalty() {
        Derivation d =
                Inputs.penalty("piecewise { |w| - w^2/(2*g) if |w| <= g, g/2 otherwise }", "g", "1.5", "lambda", "1");
        assertEquals(1.5 * 0.5 / (1.5 - 0.5), d.functions().etaHat(0.5), 1e-12);
    }
}

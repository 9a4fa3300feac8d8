package spd.compiler.penalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Rules outside the duality theorem: divergent penalties, non-monotone reweightings, and bad inputs. */
class DivergenceAndMonotonicityTest {

    @Test
    void reweightingThatVanishesLikeTSquaredGivesAnInfinitePenalty() {
        Derivation d = Inputs.eta("cosh(w) - 1", "lambda", "1");
        Penalty.Divergent divergent = assertInstanceOf(Penalty.Divergent.class, d.penalty());
        assertTrue(divergent.explanation().contains("w = 0"), divergent.explanation());
        assertInstanceOf(Dual.Unavailable.class, d.dual());
        assertTrue(d.functions().omega(0.5).outcome() == spd.compiler.numeric.Outcome.DIVERGENT);
        assertTrue(d.steps().stream().anyMatch(s -> s.rule().equals("divergence")));
    }

    @Test
    void powerThreeDivergesSymbolically() {
        Derivation d = Inputs.eta("|w|^3", "lambda", "1");
        Penalty.Divergent divergent = assertInstanceOf(Penalty.Divergent.class, d.penalty());
        assertTrue(divergent.explanation().startsWith("t/eta_hat(t) ~ 1/t^2 as t -> 0+"), divergent.explanation());
    }

    @Test
    void squareIsTheBorderlineCase() {
        assertInstanceOf(
                Penalty.Divergent.class, Inputs.eta("w^2", "lambda", "1").penalty());
        assertInstanceOf(
                Penalty.ClosedForm.class, Inputs.eta("|w|^(3/2)", "lambda", "1").penalty());
    }

    @Test
    void nonMonotoneRuleMakesNoClaimOfSparsity() {
        Derivation d = Inputs.eta("|w|*exp(-|w|)", "lambda", "1");
        Property monotone = d.property("monotone").orElseThrow();
        assertFalse(monotone.holds());
        assertTrue(monotone.statement().contains("decreases after w = 1"), monotone.statement());
        assertFalse(d.property("subquadratic").orElseThrow().holds());
        Property sparsity = d.property("sparsity").orElseThrow();
        assertFalse(sparsity.holds());
        assertEquals("no claim of sparsity", sparsity.statement());
    }

    @Test
    void monotonicityIsProvenByIntervalsWhenTheDerivativeAllows() {
        Derivation d = Inputs.eta("cosh(w) - 1 + |w|", "lambda", "1");
        assertEquals(
                Property.Method.INTERVAL, d.property("monotone").orElseThrow().method());
    }

    @Test
    void increasingRulesWithExponentialFactorsAreNondecreasingUpToLargeWeights() {
        // Their normal forms overflow past |w| = 710 (cosh(800) is inf); the grid runs to 1e4 and a decrease must be
        // certified by interval arithmetic at both points, so overflow never reads as a decrease.
        for (String rule : new String[] {
            "exp(|w|)",
            "cosh(|w|)",
            "sinh(|w|) + |w|",
            "|w|*cosh(|w|)",
            "|w|*cosh(3*|w|)*exp(|w|)",
            "|w|*exp(|w|^2)",
            "exp(|w|)*sinh(|w|)",
            "|w| + |w|*cosh(|w|)/(1 + exp(-|w|))"
        }) {
            Derivation d = Inputs.eta(rule, "lambda", "1");
            Property monotone = d.property("monotone").orElseThrow();
            assertTrue(monotone.holds(), rule + ": " + monotone.statement() + " (" + monotone.reason() + ")");
            assertEquals("eta_hat(w) is nondecreasing on w >= 0", monotone.statement(), rule);
            for (double w : new double[] {1e-3, 1, 10, 800, 1e4}) {
                double eta = d.functions().etaHat(w);
                assertTrue(eta > 0, rule + ": eta_hat(" + w + ") = " + eta);
            }
        }
    }

    @Test
    void aDecreaseIsProvedAtTwoPointsNotReadFromRounding() {
        Derivation d = Inputs.eta("|w|*exp(-|w|) + 1", "lambda", "1");
        Property monotone = d.property("monotone").orElseThrow();
        assertFalse(monotone.holds());
        assertEquals(Property.Method.INTERVAL, monotone.method(), monotone.reason());
        assertTrue(
                monotone.reason().contains("proved: interval enclosures at the two points are disjoint"),
                monotone.reason());
    }

    @Test
    void negativeReweightingIsRejectedWithWhereItFails() {
        DerivationException e = assertThrows(DerivationException.class, () -> Inputs.eta("-|w|", "lambda", "1"));
        assertTrue(e.getMessage().contains("is negative at |w| = 1e-8"), e.getMessage());
        DerivationException decreasing =
                assertThrows(DerivationException.class, () -> Inputs.penalty("1/(1 + |w|)", "lambda", "1"));
        assertTrue(decreasing.getMessage().contains("the penalty decreases at |w|"), decreasing.getMessage());
    }

    @Test
    void missingConstantIsAUserError() {
        DerivationException e =
                assertThrows(DerivationException.class, () -> Inputs.eta("|w|*(|w| + eps)", "lambda", "1"));
        assertTrue(e.getMessage().contains("'eps' without a value"), e.getMessage());
        assertTrue(e.getMessage().contains("let eps = ..."), e.getMessage());
    }

    @Test
    void reportsSayHowEachPropertyWasDecided() {
        Derivation d = Inputs.eta("|w|*(|w| + eps)", "eps", "2", "lambda", "1");
        for (Property p : d.properties()) {
            assertFalse(p.reason().isBlank(), p.name());
        }
        assertEquals(
                Property.Method.INTERVAL, d.property("monotone").orElseThrow().method());
        assertEquals(
                "slope at 0: c = lim t/eta_hat(t) = 1/eps = 0.5",
                d.property("slope-at-zero").orElseThrow().statement());
        assertTrue(d.property("threshold").orElseThrow().statement().endsWith("lambda*(1/eps) = 0.5"));
        assertTrue(d.property("growth").orElseThrow().statement().startsWith("logarithmic"));
        assertEquals(
                "non-convex: concave on w > 0",
                d.property("convexity").orElseThrow().statement());
    }
}

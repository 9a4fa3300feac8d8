package spd.compiler.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The computed Gauss–Kronrod pair: exactness degrees and the published nodes and weights. */
class GaussKronrodRuleTest {

    private static final GaussKronrodRule RULE = GaussKronrodRule.G7_K15;

    private static double apply(double[] weights, int degree) {
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * Math.pow(RULE.nodes()[i], degree);
        }
        return sum;
    }

    @Test
    void kronrodRuleIsExactUpToDegree22() {
        for (int degree = 0; degree <= 22; degree++) {
            double exact = degree % 2 == 1 ? 0 : 2.0 / (degree + 1);
            assertEquals(exact, apply(RULE.kronrodWeights(), degree), 1e-15, "degree " + degree);
        }
    }

    @Test
    void kronrodRuleIsNotExactAtDegree24() {
        // Degree 3n+3 = 24 is beyond the exactness of K15, so this guards against a test that cannot fail.
        assertTrue(Math.abs(apply(RULE.kronrodWeights(), 24) - 2.0 / 25) > 1e-13);
    }

    @Test
    void gaussRuleIsExactUpToDegree13() {
        for (int degree = 0; degree <= 13; degree++) {
            double exact = degree % 2 == 1 ? 0 : 2.0 / (degree + 1);
            assertEquals(exact, apply(RULE.gaussWeights(), degree), 1e-15, "degree " + degree);
        }
    }

    @Test
    void nodesMatchThePublishedKronrodAndGaussNodes() {
        // Published values (Piessens et al. 1983, QUADPACK): the outermost Kronrod node, the outermost Gauss node,
        // the middle weights of both rules.
        assertEquals(0.991455371120812639206854697526329, RULE.nodes()[14], 2e-16);
        assertEquals(0.949107912342758524526189684047851, RULE.nodes()[13], 2e-16);
        assertEquals(0.209482141084727828012999174891714, RULE.kronrodWeights()[7], 2e-16);
        assertEquals(0.417959183673469387755102040816327, RULE.gaussWeights()[7], 2e-16);
        assertEquals(0.0, RULE.nodes()[7]);
    }

    @Test
    void aTenPointPairIsExactToo() {
        GaussKronrodRule rule = GaussKronrodRule.compute(10);
        for (int degree = 0; degree <= 31; degree++) {
            double sum = 0;
            for (int i = 0; i < rule.size(); i++) {
                sum += rule.kronrodWeights()[i] * Math.pow(rule.nodes()[i], degree);
            }
            assertEquals(degree % 2 == 1 ? 0 : 2.0 / (degree + 1), sum, 1e-15, "degree " + degree);
        }
    }
}

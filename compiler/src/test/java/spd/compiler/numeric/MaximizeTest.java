package spd.compiler.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import spd.compiler.numeric.Maximize.Scale;
import spd.compiler.numeric.Maximum.Location;

/** Brent maximisation and the grid-then-refine global search. */
class MaximizeTest {

    @Test
    void brentFindsASmoothMaximum() {
        Maximum max = Maximize.brent(x -> -(x - 0.3) * (x - 0.3) + 2, 0, 1, Tolerance.relative(1e-10));
        assertTrue(max.converged(), max.toString());
        assertEquals(0.3, max.x(), 1e-7);
        assertEquals(2, max.value(), 1e-14);
        assertEquals(Location.INTERIOR, max.location());
        assertTrue(2 - max.value() <= max.valueError(), max.toString());
    }

    @Test
    void brentHandlesAKinkedMaximum() {
        Maximum max = Maximize.brent(x -> -Math.abs(x - 0.7), 0, 1, Tolerance.relative(1e-10));
        assertEquals(0.7, max.x(), 1e-8);
        assertTrue(Math.abs(max.value()) <= max.valueError() + 1e-15, max.toString());
    }

    @Test
    void brentReportsAMaximumAtTheEnd() {
        Maximum max = Maximize.brent(x -> x, 0, 1, Tolerance.relative(1e-10));
        assertEquals(Location.UPPER_END, max.location());
        assertEquals(1, max.value());
    }

    @Test
    void globalSearchFindsTheHighestOfSeveralPeaks() {
        // Peaks at 1 (height 1), 3 (height 1.2) and 5 (height 1.1).
        Maximum max = Maximize.global(
                x -> Math.exp(-8 * (x - 1) * (x - 1))
                        + 1.2 * Math.exp(-8 * (x - 3) * (x - 3))
                        + 1.1 * Math.exp(-8 * (x - 5) * (x - 5)),
                0,
                6,
                61,
                Scale.LINEAR,
                Tolerance.relative(1e-10));
        assertEquals(3, max.x(), 1e-6);
        assertEquals(Location.INTERIOR, max.location());
    }

    @Test
    void globalSearchOnALogarithmicGrid() {
        // 2 log(1 + w/2) - w²/eta at eta = 10: the log-sum dual, maximiser (-2 + sqrt(4 + 40))/2.
        double eta = 10;
        Maximum max = Maximize.global(
                w -> 2 * Math.log1p(w / 2) - w * w / eta, 1e-8, 1e8, 161, Scale.LOGARITHMIC, Tolerance.relative(1e-12));
        assertEquals((-2 + Math.sqrt(44)) / 2, max.x(), 1e-7);
        double r = Math.sqrt(4 + 4 * eta);
        double dualWithOmegaZeroAtZero = 2 * Math.log((r + 2) / 2) - (r - 2) * (r - 2) / (4 * eta) - 2 * Math.log(2);
        assertEquals(dualWithOmegaZeroAtZero, max.value(), 1e-13);
    }

    @Test
    void globalSearchReportsAMaximumAtTheEndOfTheRange() {
        Maximum max = Maximize.global(w -> w * w, 1e-3, 1e3, 61, Scale.LOGARITHMIC, Tolerance.DEFAULT);
        assertEquals(Location.UPPER_END, max.location());
        Maximum atZero = Maximize.global(w -> -w, 1e-3, 1e3, 61, Scale.LOGARITHMIC, Tolerance.DEFAULT);
        assertEquals(Location.LOWER_END, atZero.location());
    }

    @Test
    void globalSearchReportsNonFiniteValues() {
        Maximum max = Maximize.global(x -> x > 2 ? Double.NaN : x, 0, 3, 31, Scale.LINEAR, Tolerance.DEFAULT);
        assertEquals(Outcome.NON_FINITE, max.outcome());
        Maximum unbounded =
                Maximize.global(x -> x > 2 ? Double.POSITIVE_INFINITY : x, 0, 3, 31, Scale.LINEAR, Tolerance.DEFAULT);
        assertEquals(Outcome.DIVERGENT, unbounded.outcome());
    }
}

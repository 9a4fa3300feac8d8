package spd.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void suggestsTheClosestNameWithinAThirdOfItsLength() {
        assertEquals(Optional.of("epochs"), Suggestions.closest("epoch", List.of("epochs", "batch", "seed")));
        assertEquals(Optional.of("validation"), Suggestions.closest("validaton", List.of("validation", "dir")));
        assertEquals(Optional.of("lambda"), Suggestions.closest("lamda", List.of("lambda", "eps")));
    }

    @Test
    void countsAnAdjacentSwapAsOneEdit() {
        assertEquals(1, Suggestions.distance("bernoulli", "bernuolli"));
        assertEquals(Optional.of("bernoulli"), Suggestions.closest("bernuolli", List.of("bernoulli", "gaussian")));
    }

    @Test
    void suggestsNothingForUnrelatedNames() {
        assertTrue(Suggestions.closest("cifar", List.of("mnist", "linear")).isEmpty());
        assertEquals(0, Suggestions.didYouMean("x", List.of("x")).length, "a name is not its own suggestion");
    }
}

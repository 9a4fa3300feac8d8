package spd.compiler.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepPlanTest {
    @Test
    void theGridIsEveryCombinationTimesEverySeed() {
        Map<String, List<String>> grid = new LinkedHashMap<>();
        grid.put("lambda", List.of("1e-4", "1e-3", "1e-2"));
        grid.put("eps", List.of("1", "2"));
        List<SweepPoint> points =
                SweepPlan.of(List.of(new SweepPlan.Target(Path.of("a.spd"), "a", 42)), grid, 2, Path.of("out"));
        assertEquals(3 * 2 * 2, points.size());
        assertEquals(Map.of("lambda", "1e-4", "eps", "1"), points.getFirst().settings());
        assertEquals(42, points.get(0).seed());
        assertEquals(43, points.get(1).seed());
        assertEquals(Path.of("out/a/lambda=1e-4,eps=1/seed-43"), points.get(1).directory());
    }

    @Test
    void withoutAGridThereIsOnePointPerSeed() {
        List<SweepPoint> points =
                SweepPlan.of(List.of(new SweepPlan.Target(Path.of("a.spd"), "a", 7)), Map.of(), 1, Path.of("out"));
        assertEquals(1, points.size());
        assertEquals("defaults", points.getFirst().settingsLabel());
    }

    @Test
    void aValueListedTwiceRunsOnceHoweverItIsSpelled() {
        SweepPlan.Values values = SweepPlan.values("1e-3,0.001,1e-2, 1e-3,0.0010");
        assertEquals(List.of("1e-3", "1e-2"), values.distinct());
        assertEquals(List.of("0.001", "1e-3", "0.0010"), values.repeated());
        Map<String, List<String>> grid = Map.of("lambda", values.distinct());
        assertEquals(
                2,
                SweepPlan.of(List.of(new SweepPlan.Target(Path.of("a.spd"), "a", 7)), grid, 1, Path.of("out"))
                        .size());
    }

    @Test
    void experimentsOfTheSameNameInTwoFilesGetTheirOwnDirectories() {
        List<SweepPoint> points = SweepPlan.of(
                List.of(
                        new SweepPlan.Target(Path.of("x/a.spd"), "e", 7),
                        new SweepPlan.Target(Path.of("y/b.spd"), "e", 7),
                        new SweepPlan.Target(Path.of("z/b.spd"), "e", 7)),
                Map.of(),
                1,
                Path.of("out"));
        assertEquals(Path.of("out/a-e/defaults/seed-7"), points.get(0).directory());
        assertEquals(Path.of("out/b-e/defaults/seed-7"), points.get(1).directory());
        assertEquals(Path.of("out/b-e-2/defaults/seed-7"), points.get(2).directory());
    }
}

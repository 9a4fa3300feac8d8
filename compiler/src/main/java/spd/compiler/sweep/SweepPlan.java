package spd.compiler.sweep;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The grid of a sweep: every experiment × every combination of the listed constant values × every seed. */
public final class SweepPlan {
    private SweepPlan() {}

    /** An experiment to sweep: the file it is in, its name, and the seed its train block declares. */
    public record Target(Path file, String experiment, long seed) {}

    /**
     * The points of the grid, in a stable order.
     *
     * @param grid constant name → the values to try (from {@code --set lambda=1e-4,1e-3})
     * @param seeds how many seeds per point: the declared seed, then the next ones
     */
    public static List<SweepPoint> of(List<Target> targets, Map<String, List<String>> grid, int seeds, Path out) {
        List<SweepPoint> points = new ArrayList<>();
        Map<String, Long> names = new HashMap<>();
        targets.forEach(t -> names.merge(t.experiment(), 1L, Long::sum));
        Set<String> folders = new HashSet<>();
        for (Target target : targets) {
            // Two files with an experiment of the same name would share run directories: name them by file too.
            String base = names.get(target.experiment()) > 1
                    ? fileStem(target.file()) + "-" + target.experiment()
                    : target.experiment();
            String folder = base;
            for (int n = 2; !folders.add(safe(folder)); n++) {
                folder = base + "-" + n;
            }
            for (Map<String, String> settings : combinations(grid)) {
                for (int i = 0; i < seeds; i++) {
                    long seed = target.seed() + i;
                    SweepPoint draft = new SweepPoint(target.file(), target.experiment(), settings, seed, null);
                    Path directory = out.resolve(safe(folder))
                            .resolve(safe(draft.settingsLabel()))
                            .resolve("seed-" + seed);
                    points.add(new SweepPoint(target.file(), target.experiment(), settings, seed, directory));
                }
            }
        }
        return points;
    }

    /** The values of one {@code --set name=v1,v2,...}, each once, and those dropped as repeats. */
    public record Values(List<String> distinct, List<String> repeated) {}

    /**
     * Splits a list of values and drops repeats: the same spelling, or the same number spelled another way
     * ({@code 1e-3} and {@code 0.001}), would run the same point twice and count it twice in the table.
     */
    public static Values values(String list) {
        List<String> distinct = new ArrayList<>();
        List<String> repeated = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (String raw : list.split(",", -1)) {
            String value = raw.strip();
            if (seen.add(key(value))) {
                distinct.add(value);
            } else {
                repeated.add(value);
            }
        }
        return new Values(distinct, repeated);
    }

    /** A number by its exact value, anything else by its text. */
    private static Object key(String value) {
        try {
            return new BigDecimal(value).stripTrailingZeros();
        } catch (NumberFormatException e) {
            return value;
        }
    }

    static List<Map<String, String>> combinations(Map<String, List<String>> grid) {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String value : axis.getValue()) {
                    Map<String, String> extended = new LinkedHashMap<>(partial);
                    extended.put(axis.getKey(), value);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        return combinations;
    }

    private static String fileStem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".spd") ? name.substring(0, name.length() - 4) : name;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._=,-]", "_");
    }
}

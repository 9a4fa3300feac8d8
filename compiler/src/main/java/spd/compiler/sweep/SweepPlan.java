package spd.compiler.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    for (Target target : targets) {
      for (Map<String, String> settings : combinations(grid)) {
        for (int i = 0; i < seeds; i++) {
          long seed = target.seed() + i;
          SweepPoint draft = new SweepPoint(target.file(), target.experiment(), settings, seed, null);
          Path directory = out.resolve(safe(target.experiment())).resolve(safe(draft.settingsLabel()))
              .resolve("seed-" + seed);
          points.add(new SweepPoint(target.file(), target.experiment(), settings, seed, directory));
        }
      }
    }
    return points;
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

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._=,-]", "_");
  }
}

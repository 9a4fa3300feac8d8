package spd.compiler.sweep;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One run of a sweep: an experiment of a file, its constant overrides and its seed, and the run directory
 * it writes (a function of the three, so a rerun of the sweep finds and resumes it).
 */
public record SweepPoint(Path file, String experiment, Map<String, String> settings, long seed, Path directory) {
    public SweepPoint {
        settings = new LinkedHashMap<>(settings);
    }

    /** {@code lambda=1e-3,eps=2}, or {@code defaults}: the group a point belongs to, seeds aside. */
    public String settingsLabel() {
        return settings.isEmpty()
                ? "defaults"
                : settings.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(","));
    }

    /** {@code experiment [lambda=1e-3]}: how plots and tables name a group. */
    public String groupLabel() {
        return settings.isEmpty() ? experiment : experiment + " [" + settingsLabel() + "]";
    }
}

package spd.compiler.check;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" suggestions: the closest candidate by edit distance, if it is close enough. */
public final class Suggestions {
    /** Past this length a name is no typo of another, and comparing it would cost its length squared. */
    private static final int MAX_LENGTH = 64;

    private Suggestions() {}

    /** The candidate nearest to {@code name}, when at most about a third of it differs. */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        int limit = Math.max(1, name.length() / 3);
        if (name.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        // Names whose lengths differ by more than the limit are never close: skipping them keeps this linear.
        return candidates.stream()
                .filter(c -> !c.equals(name) && Math.abs(c.length() - name.length()) <= limit)
                .map(c -> new Scored(c, distance(name.toLowerCase(), c.toLowerCase())))
                .filter(s -> s.distance() <= limit)
                .min(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
                .map(Scored::candidate);
    }

    /** A help line for {@link #closest}, or none. */
    public static String[] didYouMean(String name, Collection<String> candidates) {
        return closest(name, candidates)
                .map(c -> new String[] {"did you mean '" + c + "'?"})
                .orElse(new String[0]);
    }

    private record Scored(String candidate, int distance) {}

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

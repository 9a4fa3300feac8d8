package spd.compiler.sym;

import java.util.HashMap;
import java.util.Map;

/**
 * What is known about the symbols: an interval for each (a constant's value is a point interval, the weight magnitude
 * t is [0, inf)). Symbols not mentioned range over all reals.
 */
public final class Assumptions {
    private final Map<String, Interval> ranges;

    private Assumptions(Map<String, Interval> ranges) {
        this.ranges = Map.copyOf(ranges);
    }

    public static Assumptions none() {
        return new Assumptions(Map.of());
    }

    public static Assumptions of(Map<String, Interval> ranges) {
        return new Assumptions(ranges);
    }

    /** These assumptions with one symbol's range replaced. */
    public Assumptions with(String symbol, Interval range) {
        Map<String, Interval> copy = new HashMap<>(ranges);
        copy.put(symbol, range);
        return new Assumptions(copy);
    }

    public Interval rangeOf(String symbol) {
        return ranges.getOrDefault(symbol, Interval.ALL);
    }

    public Map<String, Interval> ranges() {
        return ranges;
    }

    /** The values of the symbols with point ranges (the constants). */
    public Map<String, Double> pointValues() {
        Map<String, Double> values = new HashMap<>();
        ranges.forEach((name, range) -> {
            if (range.lo() == range.hi()) {
                values.put(name, range.lo());
            }
        });
        return values;
    }
}

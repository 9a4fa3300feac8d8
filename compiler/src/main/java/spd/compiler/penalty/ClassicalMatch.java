package spd.compiler.penalty;

import java.util.Map;
import java.util.Objects;

/**
 * A classical penalty the derived one equals or resembles, with its fitted parameters.
 *
 * @param family the classical family, e.g. "log-sum"
 * @param formula the family's formula with the fitted parameters, in plain text
 * @param parameters the parameter values, by name
 * @param exact whether it agrees to rounding (equals) rather than approximately (resembles)
 * @param maxRelativeDeviation the largest relative deviation over the comparison grid
 */
public record ClassicalMatch(
        String family, String formula, Map<String, Double> parameters, boolean exact, double maxRelativeDeviation) {
    public ClassicalMatch {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(formula, "formula");
        // In the family's parameter order, which the plots rely on.
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }

    /** The family's penalty at the fitted parameters, as a function of |w| (for plots). */
    public java.util.function.DoubleUnaryOperator curve() {
        ClassicalMatcher.Family f = ClassicalMatcher.FAMILIES.stream()
                .filter(c -> c.name().equals(family))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no classical family " + family));
        double[] p =
                parameters.values().stream().mapToDouble(Double::doubleValue).toArray();
        return w -> f.value(w, p);
    }
}

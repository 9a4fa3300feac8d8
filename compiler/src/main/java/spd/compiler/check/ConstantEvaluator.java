package spd.compiler.check;

import java.util.Map;
import java.util.OptionalDouble;
import spd.compiler.ast.Expr;
import spd.compiler.lang.Lowering;

/** Evaluates constant expressions (lets, setting values, thresholds) to doubles for range checks. */
final class ConstantEvaluator {
    private ConstantEvaluator() {}

    /** The value, or empty when it is not finite or cannot be evaluated (e.g. a name with no value). */
    static OptionalDouble evaluate(Expr expr, Map<String, Double> values) {
        try {
            double value = Lowering.lower(expr).evaluate(values);
            return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (ArithmeticException | IllegalArgumentException e) {
            return OptionalDouble.empty();
        }
    }

    /** Like {@link #evaluate}, but infinity (a keep probability of 1) is a value too. */
    static OptionalDouble evaluateAllowingInfinity(Expr expr, Map<String, Double> values) {
        try {
            double value = Lowering.lower(expr).evaluate(values);
            return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
        } catch (ArithmeticException | IllegalArgumentException e) {
            return OptionalDouble.empty();
        }
    }
}

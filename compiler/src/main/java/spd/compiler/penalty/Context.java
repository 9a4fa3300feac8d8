package spd.compiler.penalty;

import java.util.HashMap;
import java.util.Map;
import spd.compiler.sym.Assumptions;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Interval;
import spd.compiler.sym.Simplifier;

/** What every derivation step needs from the input: constant values, symbol ranges and the names of the symbols. */
final class Context {
    static final String W = "w";
    static final String T = "t";
    static final String ETA = "eta";

    final DerivationInput input;
    final Map<String, Double> values;
    /** Constants at their values, t in (0, inf): the weight magnitude inside integrals. */
    final Assumptions positiveT;
    /** Constants at their values, w real. */
    final Assumptions realW;

    final Expr lambda;
    final double lambdaValue;

    Context(DerivationInput input) {
        this.input = input;
        Map<String, Double> v = new HashMap<>();
        input.constants()
                .forEach((name, constant) -> v.put(name, constant.value().toDouble()));
        this.values = Map.copyOf(v);
        Map<String, Interval> ranges = new HashMap<>();
        values.forEach((name, value) -> ranges.put(name, Interval.point(value)));
        this.realW = Assumptions.of(ranges);
        this.positiveT = realW.with(T, Interval.POSITIVE);
        this.lambda = Expr.symbol(input.lambdaSymbol());
        this.lambdaValue = values.getOrDefault(input.lambdaSymbol(), Double.NaN);
    }

    /** The constants' values with one more symbol bound. */
    Map<String, Double> valuesWith(String symbol, double value) {
        Map<String, Double> v = new HashMap<>(values);
        v.put(symbol, value);
        return v;
    }

    /** e evaluated at the constants' values. */
    double value(Expr e) {
        return Simplifier.normalize(e, realW).evaluate(values);
    }

    /** Whether every free symbol of e other than {@code variable} has a value. */
    boolean evaluable(Expr e, String variable) {
        for (String s : e.freeSymbols()) {
            if (!s.equals(variable) && !values.containsKey(s)) {
                return false;
            }
        }
        return true;
    }
}

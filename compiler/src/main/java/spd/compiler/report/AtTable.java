package spd.compiler.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import spd.compiler.numeric.Estimate;
import spd.compiler.numeric.Outcome;
import spd.compiler.penalty.Derivation;
import spd.compiler.penalty.Numbers;
import spd.compiler.penalty.Penalty;
import spd.compiler.penalty.PenaltyFunctions;

/** The values the command line's {@code --at} option prints: Omega, eta_hat, keep probability and f at given points. */
public final class AtTable {
    private AtTable() {}

    /**
     * A plain-text table: for each x, Omega(x), eta_hat(x) and the keep probability at the file's lambda (x a weight
     * magnitude), and f(x) (x a value of eta). A value that cannot be computed is "n/a [k]", footnote k saying why.
     */
    public static String text(Derivation d, double[] at) {
        if (d.penalty() instanceof Penalty.NotSeparable) {
            return "no values at given points: a constraint on the whole layer has no per-weight Omega, eta_hat or dual"
                    + System.lineSeparator();
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "%-12s %-16s %-12s %-14s %-12s %-16s%n",
                "x", "Omega(w=x)", "+-", "eta_hat(w=x)", "keep(w=x)", "f(eta=x)"));
        PenaltyFunctions f = d.functions();
        List<String> why = new ArrayList<>();
        for (double x : at) {
            Estimate omega = omega(f, x);
            Estimate dual = dual(f, x);
            double eta = value(() -> f.etaHat(x));
            out.append(String.format(
                    "%-12s %-16s %-12s %-14s %-12s %-16s%n",
                    Numbers.format(x),
                    shown(omega, "Omega(" + Numbers.format(x) + ")", why),
                    Numbers.scientific(omega.error()),
                    Double.isNaN(eta)
                            ? unavailable("eta_hat(" + Numbers.format(x) + "): " + etaUnavailable(d), why)
                            : Numbers.format(eta),
                    Double.isNaN(eta) ? "n/a" : Numbers.format(value(() -> f.keep(x))),
                    shown(dual, "f(" + Numbers.format(x) + ")", why)));
        }
        why.forEach(line -> out.append(line).append(System.lineSeparator()));
        return out.toString();
    }

    /** Why eta_hat has no value. */
    static String etaUnavailable(Derivation d) {
        return d.penalty() instanceof Penalty.NotSeparable
                ? "a constraint on the whole layer has no per-weight eta_hat"
                : "eta_hat cannot be evaluated there";
    }

    /** Omega at a point the user asked for; where it cannot be evaluated, NaN with the reason. */
    static Estimate omega(PenaltyFunctions f, double w) {
        try {
            return f.omega(w);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return unavailable("Omega cannot be evaluated there: " + e.getMessage());
        }
    }

    /**
     * f(eta) at a point the user asked for: 0 at eta = 0 (f is normalised by f(0+) = 0, and the numeric duals are only
     * defined for eta > 0); a negative eta, which no rule has, has no value.
     */
    static Estimate dual(PenaltyFunctions f, double eta) {
        if (eta == 0) {
            return Estimate.exact(0);
        }
        if (!(eta > 0)) {
            return unavailable("the dual f(eta) is defined for eta >= 0 only");
        }
        try {
            return f.dual(eta);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return unavailable("f cannot be evaluated there: " + e.getMessage());
        }
    }

    /** A value at a point the user asked for; NaN where it cannot be evaluated. */
    static double value(DoubleSupplier value) {
        try {
            return value.getAsDouble();
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Double.NaN;
        }
    }

    private static Estimate unavailable(String reason) {
        return new Estimate(Double.NaN, Double.POSITIVE_INFINITY, Outcome.NO_SOLUTION, reason);
    }

    /** The value, or "n/a [k]" with footnote k saying why it could not be computed. */
    private static String shown(Estimate e, String what, List<String> why) {
        if (!Double.isNaN(e.value())) {
            return Numbers.precise(e.value());
        }
        return unavailable(what + ": " + (e.message().isEmpty() ? "not computable" : e.message()), why);
    }

    private static String unavailable(String reason, List<String> why) {
        why.add("[" + (why.size() + 1) + "] " + reason);
        return "n/a [" + why.size() + "]";
    }
}

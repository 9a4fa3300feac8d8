package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the classical penalties a derived one equals or resembles: each family's parameters are fitted by least squares
 * of the relative difference on a log grid of w, and a family that fits to rounding is reported as equal.
 */
final class ClassicalMatcher {
    /** Relative agreement at which a fit counts as equality rather than resemblance. */
    static final double EXACT = 1e-8;
    /** Fits worse than this (largest relative deviation) are not reported. */
    private static final double RESEMBLES = 0.35;

    private static final int GRID = 40;
    private static final double LOW = 0.01;
    private static final double HIGH = 20;

    private ClassicalMatcher() {}

    /** A penalty family's value at w for parameters p. */
    @FunctionalInterface
    interface Model {
        double value(double w, double[] p);
    }

    /** A classical family: its name, parameter names, starting points for the fit, and its values. */
    record Family(String name, List<String> parameters, double[][] starts, Model model) {
        double value(double w, double[] p) {
            return model.value(w, p);
        }

        String formula(double[] p) {
            String s = Math.abs(p[0] - 1) < 1e-9 ? "1" : PropertyAnalysis.format(p[0]);
            String text = switch (name) {
                case "lasso" -> s + "*|w|";
                case "ridge" -> s + "*w^2";
                case "bridge" -> s + "*|w|^p/p with p = " + PropertyAnalysis.format(p[1]);
                case "log-sum" -> s + "*log(1 + |w|/eps) with eps = " + PropertyAnalysis.format(p[1]);
                case "log-quadratic" -> s + "*log(1 + w^2/eps) with eps = " + PropertyAnalysis.format(p[1]);
                case "MCP" -> s + "*MCP(|w|; a*lambda = " + PropertyAnalysis.format(p[1]) + ")";
                case "SCAD" ->
                    s + "*SCAD(|w|; a = " + PropertyAnalysis.format(p[1]) + ", lambda = "
                            + PropertyAnalysis.format(p[2]) + ")";
                case "capped-l1" -> s + "*min(|w|, theta) with theta = " + PropertyAnalysis.format(p[1]);
                case "exponential" ->
                    s + "*(1 - (1 + |w|/tau)*exp(-|w|/tau)) with tau = " + PropertyAnalysis.format(p[1]);
                default -> throw new IllegalStateException(name);
            };
            return text.startsWith("1*") ? text.substring(2) : text;
        }
    }

    /** SCAD normalised by lambda: slope 1 at 0, flat at (a+1)lambda/2 beyond a*lambda. */
    static double scad(double w, double scale, double a, double lambda) {
        if (w < lambda) {
            return scale * w;
        }
        if (w <= a * lambda) {
            return scale * (2 * a * lambda * w - w * w - lambda * lambda) / (2 * (a - 1) * lambda);
        }
        return scale * (a + 1) * lambda / 2;
    }

    static final List<Family> FAMILIES = List.of(
            new Family("lasso", List.of("scale"), new double[][] {{1}}, (w, p) -> p[0] * w),
            new Family("ridge", List.of("scale"), new double[][] {{1}}, (w, p) -> p[0] * w * w),
            new Family(
                    "bridge",
                    List.of("scale", "p"),
                    new double[][] {{1, 0.5}, {1, 1.5}},
                    (w, p) -> p[0] * Math.pow(w, p[1]) / p[1]),
            new Family(
                    "log-sum",
                    List.of("scale", "eps"),
                    new double[][] {{1, 1}, {1, 0.1}, {2, 2}, {1, 10}},
                    (w, p) -> p[0] * Math.log1p(w / p[1])),
            new Family(
                    "log-quadratic",
                    List.of("scale", "eps"),
                    new double[][] {{1, 1}, {1, 0.1}, {1, 10}},
                    (w, p) -> p[0] * Math.log1p(w * w / p[1])),
            new Family(
                    "MCP",
                    List.of("scale", "a*lambda"),
                    new double[][] {{1, 1}, {1, 0.5}, {1, 3}},
                    (w, p) -> w <= p[1] ? p[0] * (w - w * w / (2 * p[1])) : p[0] * p[1] / 2),
            new Family(
                    "SCAD",
                    List.of("scale", "a", "lambda"),
                    new double[][] {{1, 3.7, 1}, {1, 3.7, 0.3}, {1, 3, 0.1}},
                    (w, p) -> scad(w, p[0], p[1], p[2])),
            new Family(
                    "capped-l1",
                    List.of("scale", "theta"),
                    new double[][] {{1, 1}, {1, 0.3}},
                    (w, p) -> p[0] * Math.min(w, p[1])),
            new Family(
                    "exponential",
                    List.of("scale", "tau"),
                    new double[][] {{1, 1}, {1, 0.3}, {1, 3}},
                    (w, p) -> p[0] * (1 - (1 + w / p[1]) * Math.exp(-w / p[1]))));

    /** How a penalty grows at infinity, which decides the families worth fitting. */
    enum Growth {
        BOUNDED(List.of("MCP", "SCAD", "capped-l1", "exponential")),
        LOGARITHMIC(List.of("log-sum", "log-quadratic")),
        POWER(List.of("lasso", "ridge", "bridge")),
        OTHER(List.of());

        private final List<String> families;

        Growth(List<String> families) {
            this.families = families;
        }

        /** The growth class stated by the "growth" property. */
        static Growth of(List<Property> properties) {
            for (Property p : properties) {
                if (p.name().equals("growth")) {
                    String s = p.statement();
                    return s.startsWith("bounded")
                            ? BOUNDED
                            : s.startsWith("logarithmic") ? LOGARITHMIC : s.startsWith("power") ? POWER : OTHER;
                }
            }
            return OTHER;
        }
    }

    /**
     * The families of the penalty's growth class that fit, best first: the one that equals the penalty, else up to two
     * that resemble it.
     */
    static List<ClassicalMatch> match(PenaltyFunctions functions, Context context, List<Property> properties) {
        Growth growth = Growth.of(properties);
        if (growth == Growth.OTHER) {
            return List.of();
        }
        double[] ws = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            ws[i] = LOW * Math.pow(HIGH / LOW, i / (GRID - 1.0));
        }
        double[] omega = new double[GRID];
        var estimates = functions.omega(ws);
        for (int i = 0; i < GRID; i++) {
            omega[i] = estimates[i].value();
            if (!Double.isFinite(omega[i]) || omega[i] <= 0) {
                return List.of();
            }
        }
        List<ClassicalMatch> matches = new ArrayList<>();
        for (Family family : FAMILIES) {
            if (!growth.families.contains(family.name())) {
                continue;
            }
            double[] best = fit(family, ws, omega);
            double deviation = maxDeviation(family, best, ws, omega);
            if (deviation <= RESEMBLES) {
                matches.add(new ClassicalMatch(
                        family.name(),
                        family.formula(best),
                        named(family, best, context),
                        deviation <= EXACT,
                        deviation));
            }
        }
        matches.sort(Comparator.comparingDouble(ClassicalMatch::maxRelativeDeviation));
        if (!matches.isEmpty() && matches.get(0).exact()) {
            return matches.stream().filter(ClassicalMatch::exact).limit(1).toList();
        }
        return matches.stream().limit(2).toList();
    }

    private static Map<String, Double> named(Family family, double[] p, Context context) {
        Map<String, Double> parameters = new LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) {
            parameters.put(family.parameters().get(i), p[i]);
        }
        return parameters;
    }

    /**
     * Least squares of the relative difference, by Nelder-Mead in the logarithms of the (positive) parameters, from
     * the family's best starting point.
     */
    private static double[] fit(Family family, double[] ws, double[] omega) {
        double[] start = family.starts()[0];
        double startCost = Double.POSITIVE_INFINITY;
        for (double[] candidate : family.starts()) {
            double cost = cost(family, candidate, ws, omega);
            if (cost < startCost) {
                startCost = cost;
                start = candidate;
            }
        }
        double[] logStart = new double[start.length];
        for (int i = 0; i < start.length; i++) {
            logStart[i] = Math.log(start[i]);
        }
        return exp(NelderMead.minimize(logP -> cost(family, exp(logP), ws, omega), logStart, 300));
    }

    private static double[] exp(double[] logP) {
        double[] p = new double[logP.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logP[i]);
        }
        return p;
    }

    private static double cost(Family family, double[] p, double[] ws, double[] omega) {
        double total = 0;
        for (int i = 0; i < ws.length; i++) {
            double r = (family.value(ws[i], p) - omega[i]) / omega[i];
            total += Double.isFinite(r) ? r * r : 1e6;
        }
        return total;
    }

    private static double maxDeviation(Family family, double[] p, double[] ws, double[] omega) {
        double max = 0;
        for (int i = 0; i < ws.length; i++) {
            max = Math.max(max, Math.abs(family.value(ws[i], p) - omega[i]) / omega[i]);
        }
        return max;
    }
}

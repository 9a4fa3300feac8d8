package spd.compiler.penalty;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.ToDoubleFunction;

/** The Nelder-Mead simplex method for small unconstrained fits (deterministic, derivative-free). */
final class NelderMead {
    private NelderMead() {}

    /** A local minimiser of f near {@code start}, after at most {@code iterations} steps. */
    static double[] minimize(ToDoubleFunction<double[]> f, double[] start, int iterations) {
        int n = start.length;
        double[][] simplex = new double[n + 1][];
        double[] values = new double[n + 1];
        simplex[0] = start.clone();
        for (int i = 0; i < n; i++) {
            double[] vertex = start.clone();
            vertex[i] += 0.5;
            simplex[i + 1] = vertex;
        }
        for (int i = 0; i <= n; i++) {
            values[i] = f.applyAsDouble(simplex[i]);
        }
        for (int iteration = 0; iteration < iterations; iteration++) {
            sort(simplex, values);
            if (Math.abs(values[n] - values[0]) <= 1e-15 * (Math.abs(values[0]) + 1e-300)) {
                break;
            }
            double[] centroid = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    centroid[j] += simplex[i][j] / n;
                }
            }
            double[] reflected = along(centroid, simplex[n], -1);
            double fr = f.applyAsDouble(reflected);
            if (fr < values[0]) {
                double[] expanded = along(centroid, simplex[n], -2);
                double fe = f.applyAsDouble(expanded);
                replace(simplex, values, n, fe < fr ? expanded : reflected, Math.min(fe, fr));
            } else if (fr < values[n - 1]) {
                replace(simplex, values, n, reflected, fr);
            } else {
                double[] contracted = along(centroid, simplex[n], 0.5);
                double fc = f.applyAsDouble(contracted);
                if (fc < values[n]) {
                    replace(simplex, values, n, contracted, fc);
                } else {
                    for (int i = 1; i <= n; i++) {
                        simplex[i] = along(simplex[0], simplex[i], 0.5);
                        values[i] = f.applyAsDouble(simplex[i]);
                    }
                }
            }
        }
        sort(simplex, values);
        return simplex[0];
    }

    /** centroid + t * (vertex - centroid) */
    private static double[] along(double[] centroid, double[] vertex, double t) {
        double[] p = new double[centroid.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = centroid[j] + t * (vertex[j] - centroid[j]);
        }
        return p;
    }

    private static void replace(double[][] simplex, double[] values, int i, double[] vertex, double value) {
        simplex[i] = vertex;
        values[i] = value;
    }

    private static void sort(double[][] simplex, double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order, Comparator.comparingDouble(i -> Double.isNaN(values[i]) ? Double.POSITIVE_INFINITY : values[i]));
        double[][] s = new double[simplex.length][];
        double[] v = new double[values.length];
        for (int i = 0; i < order.length; i++) {
            s[i] = simplex[order[i]];
            v[i] = values[order[i]];
        }
        System.arraycopy(s, 0, simplex, 0, s.length);
        System.arraycopy(v, 0, values, 0, v.length);
    }
}

package spd.compiler.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import spd.compiler.penalty.Constant;
import spd.compiler.penalty.Derivation;
import spd.compiler.penalty.Numbers;
import spd.compiler.penalty.Penalty;
import spd.compiler.penalty.Rule;
import spd.plot.Axis;
import spd.plot.Chart;
import spd.plot.Series;

/**
 * Several experiments' penalties in one figure, as the paper's Figure 1 (theory.md 5.1). Left, the scalar
 * penalty lambda*(Omega(w) - Omega(0.01)) for |w| in logspace(-2, log10 5, 100), each at its own lambda.
 * Right, the vector penalty of w in R^32 with k entries equal to 1/sqrt(k + 1e-3) (about unit norm) and the
 * rest zero, lambda*(Omega(w) - min over k), for k = 0..32; magnitude pruning to K weights is the indicator
 * of ||w||_0 <= K, drawn as 0 and then 100 (HardThresh(K)).
 */
public final class ComparePlot {
    private static final int POINTS = 100;
    private static final double W_MIN = 0.01;
    private static final double W_MAX = 5;
    private static final int DIMENSION = 32;
    /** Where the paper draws the infinite value of the L0 constraint. */
    private static final double HARD_THRESHOLD_HEIGHT = 100;

    private ComparePlot() {}

    /**
     * Writes {@code file} as SVG and PNG ({@code file} without extension, or with .svg or .png, which is replaced).
     * Experiments without a per-weight penalty (divergent, non-separable, none) are left out.
     *
     * @return the paths written
     */
    public static List<Path> write(List<Derivation> derivations, Path file) {
        String name = file.getFileName().toString().replaceAll("\\.(svg|png)$", "");
        Path directory = file.toAbsolutePath().getParent();
        Path svg = directory.resolve(name + ".svg");
        Path png = directory.resolve(name + ".png");
        Plots.save(panels(derivations), svg, png);
        return new ArrayList<>(List.of(svg, png));
    }

    /**
     * {@code spd derive --compare --format json}: one document with the derivations (as {@link Json#of(List, double[])}
     * prints them) and the numbers behind both panels.
     */
    public static String json(List<Derivation> derivations, double[] at) {
        return Json.withComparison(derivations, at, panels(derivations));
    }

    /** Both panels: the scalar penalty and the vector penalty. */
    static List<Chart> panels(List<Derivation> derivations) {
        return List.of(scalarPanel(derivations), vectorPanel(derivations));
    }

    /** The left panel: each penalty of one weight, lambda*(Omega(w) - Omega(0.01)), at its own lambda. */
    static Chart scalarPanel(List<Derivation> derivations) {
        double[] w = logspace(W_MIN, W_MAX, POINTS);
        List<Series> series = new ArrayList<>();
        for (Derivation d : derivations) {
            if (!(d.penalty() instanceof Penalty.ClosedForm || d.penalty() instanceof Penalty.Numeric)) {
                continue;
            }
            double lambda = lambdaOf(d);
            var values = d.functions().omega(w);
            double base = values[0].value();
            double[] y = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                y[i] = lambda * (values[i].value() - base);
            }
            series.add(Series.line(d.input().experimentName() + " (lambda = " + Numbers.format(lambda) + ")", w, y));
        }
        return Chart.of(
                "Scalar penalty lambda*Omega(w)",
                Axis.logarithmic("|w|"),
                Axis.linear("lambda*(Omega(w) - Omega(0.01))").includingZero(),
                series);
    }

    /** The right panel: the separable penalties summed over the entries of w in R^32, and HardThresh(K). */
    static Chart vectorPanel(List<Derivation> derivations) {
        double[] k = new double[DIMENSION + 1];
        for (int i = 0; i <= DIMENSION; i++) {
            k[i] = i;
        }
        List<Series> series = new ArrayList<>();
        List<Series> constraints = new ArrayList<>();
        for (Derivation d : derivations) {
            if (d.penalty() instanceof Penalty.ClosedForm || d.penalty() instanceof Penalty.Numeric) {
                double lambda = lambdaOf(d);
                double[] y = new double[k.length];
                for (int i = 0; i < k.length; i++) {
                    y[i] = i == 0
                            ? 0
                            : lambda
                                    * i
                                    * d.functions()
                                            .omega(1 / Math.sqrt(i + 1e-3))
                                            .value();
                }
                double min = java.util.Arrays.stream(y).min().orElse(0);
                for (int i = 0; i < y.length; i++) {
                    y[i] -= min;
                }
                series.add(Series.line(d.input().experimentName(), k, y));
            } else if (d.input().rule() instanceof Rule.MagnitudePruning pruning) {
                int kept = (int) Math.round((1 - pruning.target().evaluate(Map.of())) * DIMENSION);
                double[] y = new double[k.length];
                for (int i = 0; i < k.length; i++) {
                    y[i] = i <= kept ? 0 : HARD_THRESHOLD_HEIGHT;
                }
                constraints.add(Series.line(d.input().experimentName() + " = HardThresh(" + kept + ")", k, y)
                        .dashed());
            }
        }
        // Constraints last, so that each penalty has the same colour in both panels.
        series.addAll(constraints);
        return Chart.of(
                "Vector penalty lambda*Omega(w), w in R^" + DIMENSION,
                Axis.linear("nonzero entries k"),
                Axis.linear("lambda*(Omega(w) - min_k)").includingZero().cappedAt(12),
                series);
    }

    /** The experiment's lambda; 1 when it has none (variational dropout sets its own scale). */
    static double lambdaOf(Derivation d) {
        Constant c = d.input().constants().get(d.input().lambdaSymbol());
        return c == null ? 1 : c.value().toDouble();
    }

    static double[] logspace(double a, double b, int n) {
        double[] x = new double[n];
        double la = Math.log10(a);
        double lb = Math.log10(b);
        for (int i = 0; i < n; i++) {
            x[i] = Math.pow(10, la + (lb - la) * i / (n - 1));
        }
        return x;
    }
}

package spd.compiler.penalty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several experiments' penalties in one figure, as in the left panel of the paper's Figure 1 (theory.md 5.1):
 * lambda*(Omega(w) - Omega(0.01)) for |w| in logspace(-2, log10 5, 100), each at its own lambda.
 */
public final class ComparePlot {
  private static final int POINTS = 100;
  private static final double W_MIN = 0.01;
  private static final double W_MAX = 5;

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
    double[] w = logspace(W_MIN, W_MAX, POINTS);
    List<LineChart.Series> series = new ArrayList<>();
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
      series.add(new LineChart.Series(d.input().experimentName() + " (lambda = " + Numbers.format(lambda) + ")", w,
          y, false));
    }
    LineChart.Panel panel = new LineChart.Panel("Scalar penalty lambda*Omega(w)", "|w|",
        "lambda*(Omega(w) - Omega(0.01))", true, Double.POSITIVE_INFINITY, series);
    Path svg = directory.resolve(name + ".svg");
    Path png = directory.resolve(name + ".png");
    Plots.save(List.of(panel), svg, png);
    return new ArrayList<>(List.of(svg, png));
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

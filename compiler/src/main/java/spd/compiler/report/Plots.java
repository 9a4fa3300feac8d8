package spd.compiler.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import spd.compiler.penalty.ClassicalMatch;
import spd.compiler.penalty.Derivation;
import spd.compiler.penalty.Numbers;
import spd.compiler.penalty.Penalty;
import spd.plot.Axis;
import spd.plot.Chart;
import spd.plot.Figure;
import spd.plot.Series;

/**
 * The figure of a derivation: Omega(w) beside its closest classical penalties, eta_hat(w) and the keep probability,
 * side by side, as one SVG and one PNG.
 */
final class Plots {
    static final int CHART_WIDTH = 460;
    static final int HEIGHT = 340;
    private static final int POINTS = 160;
    private static final double W_MAX = 5;

    private Plots() {}

    /** Writes {@code base}.svg and {@code base}.png; returns their file names, or none when there is nothing to plot. */
    static List<String> write(Derivation d, Path directory, String base) {
        List<Chart> panels = panels(d);
        if (panels.isEmpty()) {
            return List.of();
        }
        Path svg = directory.resolve(base + ".svg");
        Path png = directory.resolve(base + ".png");
        save(panels, svg, png);
        return List.of(svg.getFileName().toString(), png.getFileName().toString());
    }

    private static List<Chart> panels(Derivation d) {
        List<Chart> panels = new ArrayList<>();
        if (d.penalty() instanceof Penalty.NotSeparable || d.penalty() instanceof Penalty.None) {
            return panels;
        }
        double[] w = abscissae(W_MAX, POINTS);
        if (!(d.penalty() instanceof Penalty.Divergent)) {
            panels.add(omegaPanel(d, w));
        }
        panels.add(etaPanel(d, w));
        panels.add(keepPanel(d, w));
        return panels;
    }

    private static Chart omegaPanel(Derivation d, double[] w) {
        var values = d.functions().omega(w);
        double[] omega = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            omega[i] = values[i].value();
        }
        List<Series> series = new ArrayList<>();
        series.add(Series.line("Omega (" + d.input().experimentName() + ")", w, omega));
        for (ClassicalMatch m : d.classical()) {
            double[] y = evaluate(m.curve(), w);
            series.add(Series.line(m.family() + (m.exact() ? " (equal)" : " (fit)"), w, y)
                    .dashed());
        }
        return Chart.of(
                "effective penalty", Axis.linear("|w|"), Axis.linear("Omega(w)").includingZero(), series);
    }

    /** eta_hat(w); where it blows up before a breakpoint (SCAD, MCP) the axis is cut so that the rest stays readable. */
    private static Chart etaPanel(Derivation d, double[] w) {
        double[] eta = evaluate(d.functions()::etaHat, w);
        double cap = axisCap(eta);
        String name = Double.isFinite(cap) ? "eta_hat (axis cut at " + Numbers.format(cap) + ")" : "eta_hat";
        return Chart.of(
                "adaptive rule",
                Axis.linear("|w|"),
                Axis.linear("eta_hat(w)").includingZero().cappedAt(cap),
                List.of(Series.line(name, w, eta)));
    }

    /** The keep probability; with a small lambda it rises within |w| ~ lambda, so the axis is then logarithmic. */
    private static Chart keepPanel(Derivation d, double[] w) {
        double lambda = ComparePlot.lambdaOf(d);
        boolean log = lambda < 0.05;
        double[] x = log ? ComparePlot.logspace(Math.min(1e-3, lambda * 1e-2), W_MAX, POINTS) : w;
        String yTitle = "eta_hat/(eta_hat + " + d.input().lambdaSymbol() + ")";
        return Chart.of(
                "keep probability",
                Axis.of("|w|", log),
                Axis.linear(yTitle).includingZero(),
                List.of(Series.line("keep", x, evaluate(d.functions()::keep, x))));
    }

    private static double[] evaluate(DoubleUnaryOperator f, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        return y;
    }

    /** A y-axis maximum when a few values dwarf the rest, else inf. */
    private static double axisCap(double[] y) {
        double[] finite = Arrays.stream(y).filter(Double::isFinite).sorted().toArray();
        if (finite.length < 10) {
            return Double.POSITIVE_INFINITY;
        }
        double typical = finite[(int) (0.75 * (finite.length - 1))];
        double max = finite[finite.length - 1];
        return typical > 0 && max > 8 * typical ? 4 * typical : Double.POSITIVE_INFINITY;
    }

    /** n points on [0, max], denser near 0 where penalties bend most. */
    static double[] abscissae(double max, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = max * Math.pow((double) i / (n - 1), 1.5);
        }
        return x;
    }

    /** The panels side by side, as SVG and as PNG. */
    static void save(List<Chart> panels, Path svg, Path png) {
        try {
            new Figure(panels, CHART_WIDTH, HEIGHT).write(svg, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot " + svg + ": " + e.getMessage(), e);
        }
    }
}

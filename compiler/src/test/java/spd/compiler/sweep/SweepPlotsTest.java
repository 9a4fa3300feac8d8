package spd.compiler.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's plots: one curve per group, one dot per run, legends as text, and a diverged run as a gap. */
class SweepPlotsTest {
    private static RunRecord run(double testError, double nonzero, double... validationErrors) {
        List<double[]> curve = new java.util.ArrayList<>();
        for (int e = 0; e < validationErrors.length; e++) {
            curve.add(new double[] {e + 1, validationErrors[e], 1 - (1 - nonzero) * (e + 1) / validationErrors.length});
        }
        return new RunRecord(null, "completed", validationErrors.length, true, testError, nonzero, 1, curve);
    }

    private static List<SweepReport.Group> groups() {
        return List.of(
                new SweepReport.Group(
                        "adadrop lambda=1e-3",
                        "adadrop",
                        "lambda=1e-3",
                        List.of(run(0.05, 0.2, 0.2, 0.1, 0.06), run(0.06, 0.25, 0.2, 0.1, 0.07))),
                new SweepReport.Group(
                        "adadrop lambda=1e-2",
                        "adadrop",
                        "lambda=1e-2",
                        List.of(run(0.08, 0.05, 0.3, 0.2, 0.09), run(Double.POSITIVE_INFINITY, 0.04, 0.3, 0.2, 0.1))),
                new SweepReport.Group("vardrop", "vardrop", "", List.of(run(0.04, 0.5, 0.2, 0.08, 0.05))));
    }

    @Test
    void curvesHaveOneLinePerGroupAndTheirNamesAsText(@TempDir Path dir) throws Exception {
        SweepPlots.curves(groups(), dir);
        String error = Files.readString(dir.resolve("validation_error_vs_epoch.svg"));
        for (String label : List.of("adadrop lambda=1e-3", "adadrop lambda=1e-2", "vardrop")) {
            assertTrue(error.contains(">" + label + "</text>"), label + " in the legend");
        }
        assertEquals(3, error.split("<polyline").length - 1, "one mean curve per group, unbroken");
        String nonzero = Files.readString(dir.resolve("nonzero_vs_epoch.svg"));
        assertTrue(nonzero.contains(">0.1</text>"), "nonzero below 10% gets a logarithmic axis (decade labels)");
        assertTrue(Files.size(dir.resolve("nonzero_vs_epoch.png")) > 1000);
    }

    @Test
    void paretoHasAMeanLinePerExperimentAndADotPerRun(@TempDir Path dir) throws Exception {
        SweepPlots.pareto(groups(), dir);
        String svg = Files.readString(dir.resolve("pareto.svg"));
        assertEquals(4, svg.split("<circle").length - 1, "a dot per run with a finite test error (5 runs, 1 diverged)");
        assertTrue(svg.contains(">adadrop</text>") && svg.contains(">vardrop</text>"), "the experiments in the legend");
        assertTrue(!svg.contains("(runs)"), "the runs' dots are not listed in the legend");
        assertTrue(Files.exists(dir.resolve("pareto.png")));
    }
}

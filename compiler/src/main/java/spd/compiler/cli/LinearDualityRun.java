package spd.compiler.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import spd.runtime.Experiment;
import spd.runtime.data.DataSpec;
import spd.runtime.duality.DualityCheck;
import spd.runtime.duality.DualityReport;
import spd.runtime.duality.LinearDuality;
import spd.runtime.nn.WeightedLayer;
import spd.runtime.reg.LayerRegularizer;
import spd.runtime.reg.Regularizer;
import spd.runtime.reg.Unregularized;
import spd.runtime.train.RunResult;

/**
 * The duality theorem, checked on every linear run: the weights adaptive dropout trained are compared
 * with the IRLS solution of L(w) + lambda Omega(w) for the same eta_hat (support overlap, distance).
 */
final class LinearDualityRun {
    private final LinearDuality declared;
    private final DataSpec.Linear data;
    private final Capture capture;

    private LinearDualityRun(LinearDuality declared, DataSpec.Linear data, Capture capture) {
        this.declared = declared;
        this.data = data;
        this.capture = capture;
    }

    /**
     * The run's layer, wrapped so that its trained weights can be read afterwards; empty when not linear, or
     * (with a message on {@code err}, before training starts) when the check would not fit in memory.
     */
    static Optional<LinearDualityRun> prepare(Object generated, Experiment experiment, PrintWriter err) {
        if (!(generated instanceof LinearDuality duality)
                || !(experiment.data() instanceof DataSpec.Linear linear)
                || experiment.network().layers().size() != 1) {
            return Optional.empty();
        }
        long needed = DualityCheck.bytesNeeded(linear);
        long available = availableHeap();
        if (needed > available) {
            err.printf(
                    "spd run: the duality check is skipped: with d = %,d it needs %s (X in double precision and two "
                            + "%,d x %,d matrices), more than the %s of Java heap left (raise it with SPD_JAVA_OPTS=-Xmx...)%n",
                    linear.d(), gigabytes(needed), linear.d(), linear.d(), gigabytes(available));
            err.flush();
            return Optional.empty();
        }
        String layer = experiment.network().names().getFirst();
        Capture capture = new Capture(experiment.regularizer(layer));
        return Optional.of(new LinearDualityRun(duality, linear, capture));
    }

    /** The experiment with the capturing regularizer on its one layer. */
    Experiment instrument(Experiment experiment) {
        Map<String, Regularizer> regularizers = new LinkedHashMap<>(experiment.regularizers());
        regularizers.put(experiment.network().names().getFirst(), capture);
        return new Experiment(
                experiment.name(),
                experiment.data(),
                experiment.network(),
                regularizers,
                experiment.training(),
                experiment.pruning(),
                experiment.constants());
    }

    /** Compares with IRLS, writes duality.json into the run directory and prints the summary. */
    void report(RunResult result, PrintWriter out) {
        if (capture.layer == null) {
            return;
        }
        DualityReport report;
        try {
            report = DualityCheck.compare(
                    data,
                    declared.lambda(),
                    declared::etaHat,
                    capture.layer.weights(),
                    DualityCheck.Options.defaults().withDataFactor(declared.dataFactor()));
        } catch (DualityCheck.NotApplicable e) {
            if (result.runDirectory() != null) {
                DualityReport.writeNotApplicable(result.runDirectory(), e.getMessage());
            }
            out.println("duality check: not made: " + e.getMessage());
            out.flush();
            return;
        }
        if (result.runDirectory() != null) {
            report.write(result.runDirectory());
        }
        out.println("duality check (adaptive dropout against IRLS on L + lambda Omega):");
        out.println("  " + report.summary().replace("\n", "\n  "));
        out.flush();
    }

    /** What the heap can still take: its maximum less what is in use now. */
    private static long availableHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    private static String gigabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    /** Wraps a layer's regularizer (or none) and remembers the layer it is attached to. */
    private static final class Capture implements Regularizer {
        private final Regularizer inner;
        private WeightedLayer layer;

        Capture(Regularizer inner) {
            this.inner = inner;
        }

        @Override
        public String kind() {
            return inner == null ? "none" : inner.kind();
        }

        @Override
        public LayerRegularizer attach(WeightedLayer dense) {
            this.layer = dense;
            return inner == null ? new Unregularized(dense) : inner.attach(dense);
        }
    }
}

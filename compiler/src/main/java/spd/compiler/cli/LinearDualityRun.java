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

  /** The run's layer, wrapped so that its trained weights can be read afterwards; empty when not linear. */
  static Optional<LinearDualityRun> prepare(Object generated, Experiment experiment) {
    if (!(generated instanceof LinearDuality duality) || !(experiment.data() instanceof DataSpec.Linear linear)
        || experiment.network().layers().size() != 1) {
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
    return new Experiment(experiment.name(), experiment.data(), experiment.network(), regularizers,
        experiment.training(), experiment.pruning(), experiment.constants());
  }

  /** Compares with IRLS, writes duality.json into the run directory and prints the summary. */
  void report(RunResult result, PrintWriter out) {
    if (capture.layer == null) {
      return;
    }
    DualityReport report = DualityCheck.compare(data, declared.lambda(), declared::etaHat, capture.layer.weights(),
        DualityCheck.Options.defaults().withDataFactor(declared.dataFactor()));
    if (result.runDirectory() != null) {
      report.write(result.runDirectory());
    }
    out.println("duality check (adaptive dropout against IRLS on L + lambda Omega):");
    out.println("  " + report.summary().replace("\n", "\n  "));
    out.flush();
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

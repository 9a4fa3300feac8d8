package spd.runtime.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.Experiment;
import spd.runtime.Seeds;
import spd.runtime.nn.WeightedLayer;
import spd.runtime.nn.Network;
import spd.runtime.nn.Parameter;
import spd.runtime.optim.Optimizer;
import spd.runtime.reg.Regularizer;
import spd.runtime.reg.Unregularized;

/**
 * Everything a run trains and checkpoints: the network with its regularizers attached, the optimizer and the
 * per-layer step contexts.
 */
final class Model {
  private final Experiment experiment;
  private final Network network;
  private final List<Parameter> parameters;
  private final Optimizer optimizer;
  private final List<LayerStepContext> contexts = new ArrayList<>();

  Model(Experiment experiment, int trainingSetSize) {
    this.experiment = experiment;
    long seed = experiment.training().seed();
    this.network = Network.initialised(experiment.network(), seed);
    for (int k = 0; k < network.layers().size(); k++) {
      WeightedLayer layer = network.layers().get(k);
      Regularizer regularizer = experiment.regularizer(layer.name());
      layer.attach(regularizer == null ? new Unregularized(layer) : regularizer.attach(layer));
      layer.regularizer().initialise(Seeds.derive(seed, Seeds.REGULARIZER_INIT, k));
      Pruner.check(layer, experiment.pruning(layer.name()));
    }
    this.parameters = network.parameters();
    this.optimizer = Optimizer.create(experiment.training().optimizer(), parameters);
    for (int k = 0; k < network.layers().size(); k++) {
      contexts.add(
          new LayerStepContext(seed, k, experiment.training().epochs(), trainingSetSize, optimizer));
    }
  }

  Experiment experiment() {
    return experiment;
  }

  Network network() {
    return network;
  }

  List<Parameter> parameters() {
    return parameters;
  }

  Optimizer optimizer() {
    return optimizer;
  }

  List<LayerStepContext> contexts() {
    return contexts;
  }

  /** The live arrays a checkpoint restores in place, by unique name: parameters and regularizer state. */
  Map<String, INDArray> liveArrays() {
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    for (Parameter parameter : parameters) {
      arrays.put(parameter.name(), parameter.value());
    }
    for (WeightedLayer layer : network.layers()) {
      layer.regularizer().state().forEach((name, array) -> arrays.put(layer.name() + ".state." + name, array));
    }
    return arrays;
  }
}

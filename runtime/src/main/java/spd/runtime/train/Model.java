package spd.runtime.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.Experiment;
import spd.runtime.base.Seeds;
import spd.runtime.nn.Network;
import spd.runtime.nn.Parameter;
import spd.runtime.nn.WeightedLayer;
import spd.runtime.optim.Optimizer;
import spd.runtime.reg.LayerRegularizer;
import spd.runtime.reg.Regularizer;
import spd.runtime.reg.Unregularized;

/**
 * Everything a run trains and checkpoints: the network with its regularizers attached, the optimizer and the
 * per-layer step contexts.
 */
final class Model {
    private final Experiment experiment;
    private final Network network;
    private final List<LayerRegularizer> regularizers = new ArrayList<>();
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
            LayerRegularizer attached = regularizer == null ? new Unregularized(layer) : regularizer.attach(layer);
            layer.attach(attached);
            regularizers.add(attached);
            attached.initialise(Seeds.derive(seed, Seeds.REGULARIZER_INIT, k));
            Pruner.check(attached, experiment.pruning(layer.name()));
        }
        this.parameters = network.parameters();
        this.optimizer = Optimizer.create(experiment.training().optimizer(), parameters);
        for (int k = 0; k < network.layers().size(); k++) {
            contexts.add(new LayerStepContext(seed, k, experiment.training().epochs(), trainingSetSize, optimizer));
        }
    }

    Experiment experiment() {
        return experiment;
    }

    Network network() {
        return network;
    }

    /** The regularizer attached to each layer, in the order of the network's layers. */
    List<LayerRegularizer> regularizers() {
        return regularizers;
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
        for (LayerRegularizer regularizer : regularizers) {
            String layer = regularizer.layer().name();
            regularizer.state().forEach((name, array) -> arrays.put(layer + ".state." + name, array));
        }
        return arrays;
    }
}

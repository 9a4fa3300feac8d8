package spd.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import spd.runtime.data.DataSpec;
import spd.runtime.nn.NetworkSpec;
import spd.runtime.optim.TrainingSpec;
import spd.runtime.prune.Pruning;
import spd.runtime.reg.Regularizer;

/**
 * A complete, declarative description of one training run: data, network, a regularizer and a pruning rule
 * per layer (layers may have none), the training schedule and the named constants (recorded in the
 * manifest). Generated classes build one with {@link #named(String)}; the trainer runs it.
 */
public record Experiment(
        String name,
        DataSpec data,
        NetworkSpec network,
        Map<String, Regularizer> regularizers,
        TrainingSpec training,
        Map<String, Pruning> pruning,
        Map<String, Double> constants) {

    /** Copies the maps, keeping their order, and checks that every named layer exists. */
    public Experiment {
        regularizers = Collections.unmodifiableMap(new LinkedHashMap<>(regularizers));
        pruning = Collections.unmodifiableMap(new LinkedHashMap<>(pruning));
        constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        for (String layer : regularizers.keySet()) {
            network.layer(layer);
        }
        for (String layer : pruning.keySet()) {
            network.layer(layer);
        }
    }

    /** Starts building an experiment. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The regularizer of a layer, or null when it has none. */
    public Regularizer regularizer(String layer) {
        return regularizers.get(layer);
    }

    /** The pruning rule of a layer ({@link Pruning.None} when none was declared). */
    public Pruning pruning(String layer) {
        return pruning.getOrDefault(layer, Pruning.none());
    }

    /** The same experiment with another number of epochs (for {@code --epochs}). */
    public Experiment withEpochs(int epochs) {
        return new Experiment(name, data, network, regularizers, training.epochs(epochs), pruning, constants);
    }

    /** The same experiment with another training schedule (e.g. a shorter run of the same rule). */
    public Experiment withTraining(TrainingSpec value) {
        return new Experiment(name, data, network, regularizers, value, pruning, constants);
    }

    /** A fluent builder that reads like the {@code .spd} file it came from. */
    public static final class Builder {
        private final String name;
        private DataSpec data;
        private NetworkSpec network;
        private TrainingSpec training;
        private final Map<String, Regularizer> regularizers = new LinkedHashMap<>();
        private final Map<String, Pruning> pruning = new LinkedHashMap<>();
        private final Map<String, Double> constants = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Sets the data. */
        public Builder data(DataSpec value) {
            this.data = value;
            return this;
        }

        /** Sets the network. */
        public Builder network(NetworkSpec value) {
            this.network = value;
            return this;
        }

        /** Sets the training schedule. */
        public Builder training(TrainingSpec value) {
            this.training = value;
            return this;
        }

        /** Records a named constant of the source file (a {@code let}). */
        public Builder constant(String constantName, double value) {
            constants.put(constantName, value);
            return this;
        }

        /** Regularizes the named layers with {@code regularizer}. */
        public Builder regularize(Regularizer regularizer, String... layers) {
            for (String layer : layers) {
                regularizers.put(layer, regularizer);
            }
            return this;
        }

        /** Regularizes every layer of the network (set the network first). */
        public Builder regularizeAll(Regularizer regularizer) {
            return regularize(regularizer, requireNetwork().names().toArray(String[]::new));
        }

        /** Prunes the named layers with {@code rule}. */
        public Builder prune(Pruning rule, String... layers) {
            for (String layer : layers) {
                pruning.put(layer, rule);
            }
            return this;
        }

        /** Prunes every layer of the network with {@code rule} (set the network first). */
        public Builder pruneAll(Pruning rule) {
            return prune(rule, requireNetwork().names().toArray(String[]::new));
        }

        private NetworkSpec requireNetwork() {
            if (network == null) {
                throw new IllegalStateException("declare the network before rules that apply to all its layers");
            }
            return network;
        }

        /** The experiment; data, network and training are required. */
        public Experiment build() {
            if (data == null || network == null || training == null) {
                throw new IllegalStateException(
                        "experiment " + name + " needs data, a network and a training schedule");
            }
            return new Experiment(name, data, network, regularizers, training, pruning, constants);
        }
    }
}

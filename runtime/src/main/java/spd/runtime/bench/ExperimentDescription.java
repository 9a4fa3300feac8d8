package spd.runtime.bench;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import spd.runtime.Experiment;
import spd.runtime.data.Dataset;
import spd.runtime.nn.ConvSpec;
import spd.runtime.nn.DenseSpec;
import spd.runtime.nn.FlattenSpec;
import spd.runtime.nn.Kernel;
import spd.runtime.nn.LayerSpec;
import spd.runtime.nn.NetworkSpec;
import spd.runtime.nn.PoolSpec;
import spd.runtime.optim.OptimizerSpec;
import spd.runtime.optim.TrainingSpec;
import spd.runtime.reg.Regularizer;

/**
 * An experiment as plain data (maps, lists, numbers and strings, written as JSON) for a reference
 * implementation in another framework: the network, the training settings, the {@code let} constants and,
 * per layer, the rule's kind and its numeric settings. The rules' element-wise functions are not described:
 * the reference writes its own.
 */
public final class ExperimentDescription {
    private ExperimentDescription() {}

    /** The description of {@code experiment} trained on {@code data}. */
    public static Map<String, Object> of(Experiment experiment, Dataset data) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("experiment", experiment.name());
        description.put("feature_shape", data.featureShape());
        description.put("classes", data.classes());
        description.put("training_set_size", data.train().size());
        description.put("network", network(experiment.network()));
        description.put("training", training(experiment.training()));
        description.put("constants", experiment.constants());
        Map<String, Object> rules = new LinkedHashMap<>();
        experiment.regularizers().forEach((layer, rule) -> rules.put(layer, rule(rule)));
        description.put("rules", rules);
        return description;
    }

    private static Map<String, Object> network(NetworkSpec network) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("input_shape", network.inputShape());
        out.put("loss", lower(network.loss()));
        out.put(
                "layers",
                network.layers().stream().map(ExperimentDescription::layer).toList());
        return out;
    }

    private static Map<String, Object> layer(LayerSpec layer) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (layer) {
            case DenseSpec dense -> {
                out.put("kind", "dense");
                out.put("name", dense.name());
                out.put("inputs", dense.inputs());
                out.put("outputs", dense.outputs());
                out.put("activation", lower(dense.activation()));
                out.put("bias", dense.bias());
            }
            case ConvSpec conv -> {
                out.put("kind", "conv");
                out.put("name", conv.name());
                out.put("input", conv.input().asList());
                out.put("filters", conv.filters());
                out.put("kernel", kernel(conv.kernel()));
                out.put("activation", lower(conv.activation()));
                out.put("bias", conv.bias());
            }
            case PoolSpec pool -> {
                out.put("kind", "maxpool");
                out.put("input", pool.input().asList());
                out.put("window", kernel(pool.window()));
            }
            case FlattenSpec flatten -> out.put("kind", "flatten");
        }
        out.put("output_shape", layer.outputShape());
        return out;
    }

    private static Map<String, Object> kernel(Kernel kernel) {
        return Map.of("size", kernel.size(), "stride", kernel.stride(), "padding", kernel.padding());
    }

    private static Map<String, Object> training(TrainingSpec training) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> optimizer = new LinkedHashMap<>();
        switch (training.optimizer()) {
            case OptimizerSpec.Adam adam -> {
                optimizer.put("kind", "adam");
                optimizer.put("lr", adam.lr());
                optimizer.put("betas", List.of(adam.beta1(), adam.beta2()));
                optimizer.put("eps", adam.eps());
            }
            case OptimizerSpec.Sgd sgd -> {
                optimizer.put("kind", "sgd");
                optimizer.put("lr", sgd.lr());
            }
        }
        out.put("optimizer", optimizer);
        out.put("epochs", training.epochs());
        out.put("batch", training.batch());
        out.put("schedule", lower(training.schedule()));
        out.put("seed", training.seed());
        return out;
    }

    /** The rule's kind and every numeric, boolean or enum component of its record (functions are left out). */
    private static Map<String, Object> rule(Regularizer rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", rule.kind());
        if (rule.getClass().isRecord()) {
            for (RecordComponent component : rule.getClass().getRecordComponents()) {
                Object value;
                try {
                    value = component.getAccessor().invoke(rule);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component.getName() + " of " + rule, e);
                }
                if (value instanceof Number || value instanceof Boolean) {
                    out.put(component.getName(), value);
                } else if (value instanceof Enum<?> constant) {
                    out.put(component.getName(), lower(constant));
                }
            }
        }
        return out;
    }

    private static String lower(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}

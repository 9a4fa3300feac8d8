package spd.runtime.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.Experiment;
import spd.runtime.nn.Activation;
import spd.runtime.nn.Conv2d;
import spd.runtime.nn.Dense;
import spd.runtime.nn.WeightedLayer;
import spd.runtime.reg.LayerRegularizer;

/**
 * The trained, pruned model of a run directory, as evaluation uses it: per layer with weights, the weights
 * with every pruned entry exactly zero, the mask of kept weights, and the bias, in PyTorch's orientation
 * ({@code nn.Linear.weight} is {@code (out, in)}, {@code nn.Conv2d.weight} {@code (out, in, kh, kw)}).
 *
 * @param experiment the experiment's name
 * @param layers the layers with weights, in order
 */
public record TrainedModel(String experiment, List<Layer> layers) {

    /**
     * One layer with weights.
     *
     * @param name the layer's name, e.g. {@code fc1} or {@code conv1}
     * @param kind "linear" or "conv2d"
     * @param shape the weight's shape in PyTorch's orientation
     * @param weight the weights, row-major in that shape, pruned entries 0
     * @param kept the mask, row-major in that shape: whether the pruning rule keeps the weight
     * @param bias the bias per output, or null for a layer without bias ({@code linear})
     * @param activation the activation after the layer
     */
    public record Layer(
            String name,
            String kind,
            long[] shape,
            float[] weight,
            boolean[] kept,
            float[] bias,
            Activation activation) {
        /** The number of outputs (rows of the weight): output features or filters. */
        public int outputs() {
            return (int) shape[0];
        }

        /** The number of weights per output (columns of the weight seen as a matrix). */
        public int inputs() {
            return weight.length / outputs();
        }

        /** The number of kept weights. */
        public long keptCount() {
            long count = 0;
            for (boolean k : kept) {
                count += k ? 1 : 0;
            }
            return count;
        }
    }

    /**
     * Reads the last checkpoint of a run directory into the experiment's network and prunes it as evaluation
     * does; the experiment must be the one the run trained (its generated class).
     */
    public static TrainedModel read(Path runDirectory, Experiment experiment) {
        Checkpoint checkpoint = Checkpoint.read(runDirectory);
        Model model = new Model(experiment, 1);
        checkpoint.restoreInto(model.liveArrays());
        List<Layer> layers = new ArrayList<>();
        for (LayerRegularizer regularizer : model.regularizers()) {
            layers.add(layer(regularizer, experiment));
        }
        return new TrainedModel(experiment.name(), layers);
    }

    private static Layer layer(LayerRegularizer regularizer, Experiment experiment) {
        WeightedLayer weighted = regularizer.layer();
        INDArray evaluation = regularizer.evaluationWeights();
        float[] values = Pruner.floats(evaluation);
        boolean[] kept = Pruner.kept(regularizer, experiment.pruning(weighted.name()), values);
        float[] weight = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            weight[i] = kept[i] ? values[i] : 0f;
        }
        float[] bias =
                weighted.bias() == null ? null : Pruner.floats(weighted.bias().value());
        Activation activation = weighted.spec().activation();
        return switch (weighted) {
            case Dense dense -> {
                // spd stores W as (in, out) (y = x W); PyTorch's nn.Linear stores (out, in) (y = x W^T).
                int inputs = (int) evaluation.size(0);
                int outputs = (int) evaluation.size(1);
                yield new Layer(
                        dense.name(),
                        "linear",
                        new long[] {outputs, inputs},
                        transpose(weight, inputs, outputs),
                        transpose(kept, inputs, outputs),
                        bias,
                        activation);
            }
            // Conv2d already stores (filters, channels, kh, kw), PyTorch's nn.Conv2d.weight orientation.
            case Conv2d conv ->
                new Layer(conv.name(), "conv2d", evaluation.shape().clone(), weight, kept, bias, activation);
        };
    }

    private static float[] transpose(float[] values, int rows, int cols) {
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = values[r * cols + c];
            }
        }
        return out;
    }

    private static boolean[] transpose(boolean[] values, int rows, int cols) {
        boolean[] out = new boolean[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = values[r * cols + c];
            }
        }
        return out;
    }
}

package spd.runtime.nn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import spd.runtime.base.Seeds;

/**
 * A stack of layers and a loss: the training step's forward and backward passes, and evaluation. Rows of
 * features are reshaped to images when the network's input is one (a view: the rows hold images in C order).
 */
public final class Network {
    private static final int EVALUATION_BATCH = 1000;
    private static final String EVALUATION_WORKSPACE = "spd-evaluation";

    /**
     * An evaluation batch's activations live in a workspace reused batch after batch, sized by the first batch:
     * allocated afresh, a LeNet-5 pass over 12,000 images left about 1 GB of native arrays for the garbage
     * collector to free, and the resident memory of a run grew by that much.
     */
    private static final WorkspaceConfiguration EVALUATION_MEMORY = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.STRICT)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .build();

    private final NetworkSpec spec;
    private final List<Layer> all;
    private final List<WeightedLayer> weighted;
    private final Loss loss;
    private final Map<Integer, INDArray> outputGradients = new HashMap<>();

    private Network(NetworkSpec spec, List<Layer> all) {
        this.spec = spec;
        this.all = List.copyOf(all);
        this.weighted = all.stream()
                .filter(l -> l instanceof WeightedLayer)
                .map(l -> (WeightedLayer) l)
                .toList();
        this.loss = Loss.of(spec.loss());
    }

    /** A network with every layer with weights initialised from its own stream derived from {@code seed}. */
    public static Network initialised(NetworkSpec spec, long seed) {
        if (spec.weighted().isEmpty()) {
            throw new IllegalArgumentException("the network declares no layers");
        }
        List<Layer> layers = new ArrayList<>();
        int k = 0;
        for (LayerSpec layer : spec.layers()) {
            layers.add(
                    switch (layer) {
                        case DenseSpec dense -> Dense.initialised(dense, Seeds.derive(seed, Seeds.INIT, k++));
                        case ConvSpec conv -> Conv2d.initialised(conv, Seeds.derive(seed, Seeds.INIT, k++));
                        case PoolSpec pool -> new MaxPool2d(pool);
                        case FlattenSpec flatten -> new Flatten(flatten);
                    });
        }
        return new Network(spec, layers);
    }

    /** The declaration. */
    public NetworkSpec spec() {
        return spec;
    }

    /** The layers with weights in order (pooling and flattening have none): what rules and pruning act on. */
    public List<WeightedLayer> layers() {
        return weighted;
    }

    /** The loss. */
    public Loss loss() {
        return loss;
    }

    /** Every trainable parameter, layer by layer. */
    public List<Parameter> parameters() {
        return weighted.stream().flatMap(layer -> layer.parameters().stream()).toList();
    }

    /** Rows of features as the first layer reads them: images when the input is an image. */
    private INDArray shaped(INDArray rows) {
        if (spec.inputShape().size() == 1) {
            return rows;
        }
        long[] shape = new long[spec.inputShape().size() + 1];
        shape[0] = rows.rows();
        for (int i = 0; i < spec.inputShape().size(); i++) {
            shape[i + 1] = spec.inputShape().get(i);
        }
        return rows.reshape('c', shape);
    }

    /**
     * Forward and backward pass of one training batch: fills every parameter's gradient and returns the
     * batch's summed data loss and correct count.
     *
     * @param features the batch's rows
     * @param targets the targets of the whole (shuffled) split, row-major
     * @param classes the class of each row of the split, or null for regression
     * @param firstRow the batch's first row within the split
     */
    public Loss.Score trainStep(INDArray features, float[] targets, int[] classes, int firstRow) {
        int batch = features.rows();
        INDArray[] inputs = new INDArray[all.size() + 1];
        inputs[0] = shaped(features);
        for (int k = 0; k < all.size(); k++) {
            inputs[k + 1] = all.get(k).forwardTraining(inputs[k]);
        }
        float[] outputs = inputs[all.size()].data().asFloat();
        float[] gradient = new float[outputs.length];
        Loss.Score score = loss.evaluate(outputs, targets, classes, firstRow, batch, gradient);
        INDArray gradOutput = outputGradient(batch);
        gradOutput.data().setData(gradient);
        for (int k = all.size() - 1; k >= 0; k--) {
            gradOutput = all.get(k).backward(inputs[k], gradOutput, k > 0);
        }
        return score;
    }

    @SuppressWarnings("try") // the scope is the point, not the resource
    private INDArray outputGradient(int batch) {
        INDArray existing = outputGradients.get(batch);
        if (existing != null) {
            return existing;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray created = Nd4j.create(DataType.FLOAT, batch, spec.outputs());
            outputGradients.put(batch, created);
            return created;
        }
    }

    /**
     * The summed loss and correct count over a split, computed with explicit (e.g. pruned) weights, one per
     * layer with weights, in batches; no masks and no regularizer hooks.
     */
    public Loss.Score evaluate(List<INDArray> weights, INDArray features, float[] targets, int[] classes) {
        int rows = features.rows();
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < rows; start += EVALUATION_BATCH) {
            int batch = Math.min(EVALUATION_BATCH, rows - start);
            Loss.Score score = evaluateBatch(weights, features, targets, classes, start, batch);
            lossSum += score.lossSum();
            correct += score.correct();
        }
        return new Loss.Score(lossSum, correct);
    }

    @SuppressWarnings("try") // the workspace scope is the point, not the resource
    private Loss.Score evaluateBatch(
            List<INDArray> weights, INDArray features, float[] targets, int[] classes, int start, int batch) {
        try (MemoryWorkspace ignored =
                Nd4j.getWorkspaceManager().getAndActivateWorkspace(EVALUATION_MEMORY, EVALUATION_WORKSPACE)) {
            INDArray activations =
                    shaped(features.get(NDArrayIndex.interval(start, start + batch), NDArrayIndex.all()));
            int k = 0;
            for (Layer layer : all) {
                activations = switch (layer) {
                    case WeightedLayer withWeights -> withWeights.forwardWith(weights.get(k++), activations);
                    case MaxPool2d pool -> pool.forwardEvaluation(activations);
                    case Flatten flatten -> flatten.forwardTraining(activations);
                };
            }
            return loss.evaluate(activations.data().asFloat(), targets, classes, start, batch, null);
        }
    }
}

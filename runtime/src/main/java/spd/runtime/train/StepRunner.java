package spd.runtime.train;

import java.util.List;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.base.Seeds;
import spd.runtime.nn.Loss;
import spd.runtime.nn.Parameter;
import spd.runtime.nn.WeightedLayer;

/** The hot loop's unit: one training step of a model on one batch, and the check for NaN and infinity. */
final class StepRunner {
    private static final String STEP_WORKSPACE = "spd-step";
    private final Model model;
    private final TrainingData training;
    private final WorkspaceConfiguration workspace;

    StepRunner(Model model, TrainingData training) {
        this.model = model;
        this.training = training;
        this.workspace = stepWorkspace(model.experiment().network().weightCount());
    }

    /** Temporaries of the generated element-wise rules are bump-allocated in a workspace reset every step. */
    private static WorkspaceConfiguration stepWorkspace(long weightCount) {
        return WorkspaceConfiguration.builder()
                .initialSize(Math.max(64L << 20, 32 * 4 * weightCount))
                .policyAllocation(AllocationPolicy.STRICT)
                .policyLearning(LearningPolicy.NONE)
                .policySpill(SpillPolicy.REALLOCATE)
                .policyReset(ResetPolicy.BLOCK_LEFT)
                .build();
    }

    /** Shuffles the training data with the epoch's stream and starts every layer's context; returns the batches. */
    List<INDArray> startEpoch(int epoch, double lr) {
        training.shuffle(Seeds.derive(model.experiment().training().seed(), Seeds.SHUFFLE, epoch));
        List<INDArray> batches = training.batches();
        for (LayerStepContext context : model.contexts()) {
            context.startEpoch(epoch, batches.size(), lr);
        }
        return batches;
    }

    /** One training step inside the step workspace: hooks, forward, backward, update, hooks. */
    @SuppressWarnings("try") // the workspace scope is the point, not the resource
    Loss.Score step(int stepInEpoch, double lr) {
        INDArray batch = training.batches().get(stepInEpoch);
        List<WeightedLayer> layers = model.network().layers();
        List<LayerStepContext> contexts = model.contexts();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(workspace, STEP_WORKSPACE)) {
            for (int k = 0; k < layers.size(); k++) {
                contexts.get(k).setStep(stepInEpoch);
                model.regularizers().get(k).beforeStep(contexts.get(k));
            }
            Loss.Score score = model.network()
                    .trainStep(
                            batch,
                            training.shuffledTargets(),
                            training.shuffledClasses(),
                            stepInEpoch * training.batchSize());
            model.optimizer().update(model.parameters(), lr);
            for (int k = 0; k < layers.size(); k++) {
                model.regularizers().get(k).afterUpdate(contexts.get(k));
            }
            return score;
        }
    }

    /**
     * Null when the loss and every parameter are finite, else what is not. A parameter's self dot product is
     * one BLAS call, and is NaN or infinite exactly when an entry is (or when the weights overflow).
     */
    String nonFinite(double lossSum) {
        for (WeightedLayer layer : model.network().layers()) {
            for (Parameter parameter : layer.parameters()) {
                INDArray value = parameter.value();
                double square = Nd4j.getBlasWrapper().level1().dot(value.length(), 1.0, value, value);
                if (!Double.isFinite(square)) {
                    return "parameter %s of layer %s holds NaN or infinite values"
                            .formatted(parameter.name(), layer.name());
                }
            }
        }
        return Double.isFinite(lossSum) ? null : "the loss is " + lossSum + " while every weight is finite";
    }
}

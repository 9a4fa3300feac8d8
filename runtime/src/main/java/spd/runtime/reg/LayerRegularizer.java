package spd.runtime.reg;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.nn.Parameter;
import spd.runtime.nn.WeightProduct;
import spd.runtime.nn.WeightedLayer;

/**
 * The per-layer, stateful side of a regularizer: the hook points the trainer calls around each step of one
 * layer with weights (dense or conv). Every hook has a neutral default, so a rule overrides only what it changes.
 *
 * <p>Order within a training step: {@link #beforeStep} (every layer), then the forward pass through {@link
 * #forward}, the loss, the backward pass through {@link #backward} (which calls {@link #backwardWeights}),
 * the optimizer update of every {@link Parameter} (the layer's and {@link #parameters()}), then {@link
 * #afterUpdate}. The reported loss adds {@link #penalty()}.
 *
 * <p>Regularizers act on the weights only; biases are never masked or penalised. Arrays that outlive a step
 * (masks, state, parameters) must be allocated with {@link Buffers}, outside the step's workspace; temporaries
 * inside the hooks may be allocated freely, since the workspace is reset after every step.
 */
public interface LayerRegularizer extends WeightProduct {
    /** The layer this state belongs to. */
    WeightedLayer layer();

    /** Extra trainable parameters this rule owns (e.g. a log-variance per weight); default none. */
    @Override
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * Non-trainable arrays that must survive a checkpoint (e.g. a cached keep probability or a pruning mask),
     * by name; they are restored in place, so return the live arrays. Default none.
     */
    default Map<String, INDArray> state() {
        return Map.of();
    }

    /**
     * Called once before training, after the layer's default initialisation: a rule that prescribes its own
     * (e.g. variational dropout's W ~ N(0, 0.02^2) and zero biases) re-initialises the layer's parameters and
     * its own from {@code seed}, a stream of the run seed reserved for it. A resumed run then restores the
     * checkpoint over it. Default: keep the layer's initialisation.
     */
    default void initialise(long seed) {}

    /** Called before the forward pass of every training step: sample masks, refresh keep probabilities. */
    default void beforeStep(StepContext step) {}

    /**
     * The weights the training forward pass multiplies by, e.g. W * M for a mask M; default W itself. It must
     * stay the same array with the same values from the forward to the backward pass of a step.
     */
    default INDArray trainingWeights() {
        return layer().weights();
    }

    /**
     * Training forward product without the bias: {@code output = input . W_eff}. Override only when the rule
     * is not a function of an effective weight matrix (e.g. the local reparameterization trick).
     */
    @Override
    default void forward(INDArray input, INDArray output) {
        layer().product(input, trainingWeights(), output);
    }

    /**
     * Training backward product: given dL/d(output) of {@link #forward}, writes dL/d(input) into {@code
     * gradInput} (null for the first layer, which needs none) and the weight gradient into {@code
     * layer().weight().gradient()}, then lets {@link #backwardWeights} turn it into the gradient with respect
     * to W and add the penalty's.
     */
    @Override
    default void backward(INDArray input, INDArray gradOutput, INDArray gradInput) {
        INDArray gradient = layer().weight().gradient();
        layer().productBackward(input, trainingWeights(), gradOutput, gradInput, gradient);
        backwardWeights(gradient);
    }

    /**
     * Turns dL/dW_eff, held in {@code gradient}, into dL/dW in place (e.g. multiplies by the mask), adds the
     * gradient of any explicit penalty, and writes (overwrites, never accumulates) the gradients of {@link
     * #parameters()}; read dL/dW_eff for those before changing {@code gradient}. Default: nothing.
     */
    default void backwardWeights(INDArray gradient) {}

    /** The value of the explicit penalty at the current weights, added to the reported loss; default 0. */
    default double penalty() {
        return 0;
    }

    /** Called after the optimizer update of every step: proximal shrinking, magnitude pruning. */
    default void afterUpdate(StepContext step) {}

    /**
     * The weights evaluation uses before the pruning rule zeroes entries, as a new array; default a copy of W.
     * A gated rule returns W times its deterministic test-time gate.
     */
    default INDArray evaluationWeights() {
        return layer().weights().dup();
    }

    /**
     * The random numbers the last {@link #beforeStep} (or training forward pass) drew, by name, as live arrays
     * valid until the next step: a reference implementation replays them to check the step (e.g. the mask of a
     * DropConnect rule, the N(0, 1) noise of variational dropout). Default none.
     */
    default Map<String, INDArray> randomDraws() {
        return Map.of();
    }

    /** The rule's own keep probability per weight, if it has one (e.g. sigmoid of a learned log-odds). */
    default Optional<INDArray> keepProbability() {
        return Optional.empty();
    }

    /** The rule's own log alpha per weight (variational dropout's noise-to-signal ratio), if it has one. */
    default Optional<INDArray> logAlpha() {
        return Optional.empty();
    }
}

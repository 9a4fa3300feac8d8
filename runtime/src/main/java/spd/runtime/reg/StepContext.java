package spd.runtime.reg;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import spd.runtime.nn.Parameter;

/**
 * What a regularizer may know about the current training step. Each layer gets its own context whose
 * random stream is derived from (run seed, epoch, layer index), so a run resumed at an epoch boundary draws
 * exactly the same masks as an uninterrupted one.
 */
public interface StepContext {
    /** The 0-based epoch. */
    int epoch();

    /** The declared number of epochs. */
    int epochs();

    /** The 0-based step within the epoch. */
    int stepInEpoch();

    /** The number of steps (batches) per epoch. */
    int stepsPerEpoch();

    /** The 0-based step counted from the start of training: epoch * stepsPerEpoch + stepInEpoch. */
    default long globalStep() {
        return (long) epoch() * stepsPerEpoch() + stepInEpoch();
    }

    /** The learning rate of this epoch (after the schedule). */
    double learningRate();

    /** The number of training examples (the size of the training split, not of the batch). */
    int trainingSetSize();

    /** This layer's random stream for the current epoch; draw from it only through ND4J random ops. */
    Random random();

    /**
     * Writes into {@code out} the per-element step size the optimizer just used (or will use) for {@code
     * parameter}: lr for SGD; lr / (sqrt(v_hat) + eps) for Adam, with v_hat its bias-corrected second moment.
     */
    void stepSize(Parameter parameter, INDArray out);
}

package spd.runtime.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.base.Seeds;
import spd.runtime.nn.Parameter;
import spd.runtime.optim.Optimizer;
import spd.runtime.reg.StepContext;

/** The step context of one layer: the trainer advances it; its random stream is reseeded every epoch. */
final class LayerStepContext implements StepContext {
    private final long seed;
    private final int layerIndex;
    private final int epochs;
    private final int trainingSetSize;
    private final Optimizer optimizer;
    private final Random random;
    private int epoch;
    private int stepInEpoch;
    private int stepsPerEpoch;
    private double learningRate;

    LayerStepContext(long seed, int layerIndex, int epochs, int trainingSetSize, Optimizer optimizer) {
        this.seed = seed;
        this.layerIndex = layerIndex;
        this.epochs = epochs;
        this.trainingSetSize = trainingSetSize;
        this.optimizer = optimizer;
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(Seeds.derive(seed, Seeds.MASKS, layerIndex));
    }

    /** Starts an epoch: the layer's mask stream is reseeded from (seed, epoch, layer). */
    void startEpoch(int value, int steps, double rate) {
        this.epoch = value;
        this.stepsPerEpoch = steps;
        this.learningRate = rate;
        this.stepInEpoch = 0;
        random.setSeed(Seeds.derive(seed, Seeds.MASKS, layerIndex, value));
    }

    void setStep(int value) {
        this.stepInEpoch = value;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public int epochs() {
        return epochs;
    }

    @Override
    public int stepInEpoch() {
        return stepInEpoch;
    }

    @Override
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public int trainingSetSize() {
        return trainingSetSize;
    }

    @Override
    public Random random() {
        return random;
    }

    @Override
    public void stepSize(Parameter parameter, INDArray out) {
        optimizer.stepSize(parameter, learningRate, out);
    }
}

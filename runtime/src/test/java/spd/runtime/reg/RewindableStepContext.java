package spd.runtime.reg;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Parameter;

/** A step context for tests: a settable step, a fixed training-set size and a random stream that can be rewound. */
final class RewindableStepContext implements StepContext {
    private final long seed;
    private final Random random;
    private final int trainingSetSize;
    private final int stepsPerEpoch;
    private final int epochs;
    private int epoch;
    private int stepInEpoch;

    RewindableStepContext(long seed, int trainingSetSize, int stepsPerEpoch, int epochs) {
        this.seed = seed;
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        this.trainingSetSize = trainingSetSize;
        this.stepsPerEpoch = stepsPerEpoch;
        this.epochs = epochs;
    }

    /** Rewinds the random stream, so the next step draws the same noise again (frozen noise). */
    RewindableStepContext rewind() {
        random.setSeed(seed);
        return this;
    }

    /** Moves to a global step. */
    RewindableStepContext at(long globalStep) {
        this.epoch = (int) (globalStep / stepsPerEpoch);
        this.stepInEpoch = (int) (globalStep % stepsPerEpoch);
        return this;
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
        return 1e-3;
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
        out.assign(learningRate());
    }
}

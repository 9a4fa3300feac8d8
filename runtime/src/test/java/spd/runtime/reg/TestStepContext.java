package spd.runtime.reg;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.nn.Parameter;

/** A step context for tests: epoch 0, a fixed learning rate, a seeded random stream, step size = lr. */
public final class TestStepContext implements StepContext {
    private final Random random;
    private final double learningRate;
    private int step;

    /** A context with its own stream seeded with {@code seed}. */
    public TestStepContext(long seed, double learningRate) {
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        this.learningRate = learningRate;
    }

    /** Sets the step within the epoch. */
    public void setStep(int value) {
        this.step = value;
    }

    @Override
    public int epoch() {
        return 0;
    }

    @Override
    public int epochs() {
        return 1;
    }

    @Override
    public int stepInEpoch() {
        return step;
    }

    @Override
    public int stepsPerEpoch() {
        return 1_000_000;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public int trainingSetSize() {
        return 1000;
    }

    @Override
    public Random random() {
        return random;
    }

    @Override
    public void stepSize(Parameter parameter, INDArray out) {
        out.assign(learningRate);
    }
}

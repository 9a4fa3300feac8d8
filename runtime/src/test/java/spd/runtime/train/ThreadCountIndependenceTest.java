package spd.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.Experiment;
import spd.runtime.base.ComputeThreads;
import spd.runtime.base.ElementChunks;
import spd.runtime.data.Dataset;
import spd.runtime.examples.Lenet300AdaTikhonov;
import spd.runtime.examples.Lenet300EtaTrick;
import spd.runtime.examples.Lenet300HardConcrete;
import spd.runtime.examples.Lenet300Plain;
import spd.runtime.examples.Lenet300VarDropAdditive;
import spd.runtime.examples.Lenet300VarDropLocal;
import spd.runtime.examples.Lenet300VarDropNone;
import spd.runtime.nn.Parameter;
import spd.runtime.reg.Regularizer;
import spd.runtime.reg.Regularizers;

/**
 * The same seed gives bit-for-bit the same parameters and optimizer state after several steps at one compute
 * thread and at two: the element-wise loops (Adam, mask and noise sampling, the rules' fused loops) run over
 * chunks fixed by the arrays' sizes, with a random stream per chunk. LeNet-300-100's first layer (235,200
 * weights) spans several chunks, so at two threads the chunks do run in parallel.
 */
class ThreadCountIndependenceTest {
    private static final int STEPS = 4;
    private static final Dataset DATA = Fixtures.blobs(512, 784, 10, 5);

    static Stream<Experiment> experiments() {
        Experiment plain = new Lenet300Plain().experiment();
        return Stream.of(
                plain,
                withRegularizer(plain, Regularizers.bernoulliFixed(0.7)),
                new Lenet300AdaTikhonov().experiment(),
                new Lenet300EtaTrick().experiment(),
                new Lenet300VarDropLocal().experiment(),
                new Lenet300VarDropNone().experiment(),
                new Lenet300VarDropAdditive().experiment(),
                new Lenet300HardConcrete().experiment());
    }

    private static Experiment withRegularizer(Experiment declared, Regularizer rule) {
        return new Experiment(
                declared.name() + " with Bernoulli DropConnect",
                declared.data(),
                declared.network(),
                Map.of("fc1", rule, "fc2", rule, "fc3", rule),
                declared.training(),
                declared.pruning(),
                declared.constants());
    }

    /** Every parameter's values and the optimizer's state after {@link #STEPS} steps at {@code threads} threads. */
    private static Map<String, float[]> trainedState(Experiment experiment, int threads) {
        return ComputeThreads.with(threads, () -> {
            Model model = new Model(experiment, DATA.train().size());
            StepRunner runner = new StepRunner(
                    model, new TrainingData(DATA.train(), experiment.training().batch()));
            double lr = experiment.training().learningRate(0);
            runner.startEpoch(0, lr);
            for (int step = 0; step < STEPS; step++) {
                runner.step(step, lr);
            }
            Map<String, float[]> state = new LinkedHashMap<>();
            for (Parameter parameter : model.parameters()) {
                state.put(parameter.name(), parameter.value().dup().data().asFloat());
            }
            model.optimizer()
                    .snapshot()
                    .forEach((name, array) -> state.put(name, array.data().asFloat()));
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
            return state;
        });
    }

    @ParameterizedTest
    @MethodSource("experiments")
    void oneAndTwoThreadsGiveBitIdenticalParameters(Experiment experiment) {
        assertEquals(true, 784 * 300 > 2 * ElementChunks.SIZE, "the first layer spans several chunks");
        Map<String, float[]> one = trainedState(experiment, 1);
        Map<String, float[]> two = trainedState(experiment, 2);
        assertEquals(one.keySet(), two.keySet());
        one.forEach((name, values) -> assertArrayEquals(values, two.get(name), experiment.name() + " " + name));
    }
}

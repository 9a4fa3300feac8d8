package spd.runtime.reg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.Experiment;
import spd.runtime.data.DataSpec;
import spd.runtime.data.Dataset;
import spd.runtime.data.Split;
import spd.runtime.nn.Activation;
import spd.runtime.nn.Kernel;
import spd.runtime.nn.NetworkSpec;
import spd.runtime.optim.TrainingSpec;
import spd.runtime.prune.Pruning;
import spd.runtime.train.EpochMetrics;
import spd.runtime.train.RunOptions;
import spd.runtime.train.RunResult;
import spd.runtime.train.RunStatus;
import spd.runtime.train.Trainer;

/**
 * A run of each rule that crashes during its third epoch and is resumed from its checkpoint ends with exactly
 * the metrics of an uninterrupted run: the rules' parameters, state and noise streams survive a checkpoint.
 */
class RuleResumeTest {
    private static final int EPOCHS = 4;
    private static final LogSum LOG_SUM = new LogSum(2);

    /** A named rule and how evaluation prunes it. */
    record Rule(String name, Regularizer regularizer, Pruning pruning) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rule> rules() {
        return Stream.of(
                new Rule(
                        "eta_trick",
                        EtaTrick.of(0.01, LOG_SUM::dual, LOG_SUM::dualDerivative, 1, 1e-3),
                        Pruning.learnedKeepBelow(0.05)),
                new Rule("vardrop_additive", VariationalDropout.additive(), Pruning.logAlphaAbove(Math.log(19))),
                new Rule("vardrop_local", VariationalDropout.local(), Pruning.logAlphaAbove(Math.log(19))),
                new Rule("vardrop_none", VariationalDropout.none(), Pruning.logAlphaAbove(Math.log(19))),
                new Rule("hard_concrete", HardConcrete.of(1e-3), Pruning.none()),
                new Rule("magnitude", MagnitudePruning.cubic(0.7, 1, EPOCHS, 3), Pruning.none()));
    }

    private static Experiment experiment(Regularizer regularizer, Pruning pruning) {
        return experiment(
                regularizer,
                pruning,
                NetworkSpec.input(20).dense(16, Activation.RELU).dense(4, Activation.NONE));
    }

    /** The same twenty features read as 1x4x5 images: a conv layer, max pooling and a dense layer. */
    private static Experiment convExperiment(Regularizer regularizer, Pruning pruning) {
        return experiment(
                regularizer,
                pruning,
                NetworkSpec.image(1, 4, 5)
                        .conv("conv1", 4, Kernel.of(3).padding(1), Activation.RELU)
                        .maxPool(2)
                        .dense(4, Activation.NONE));
    }

    private static Experiment experiment(Regularizer regularizer, Pruning pruning, NetworkSpec network) {
        return Experiment.named("resume")
                .data(DataSpec.provided("synthetic", dir -> data()))
                .network(network)
                .training(TrainingSpec.adam(3e-3).epochs(EPOCHS).batch(32).seed(5))
                .regularizeAll(regularizer)
                .pruneAll(pruning)
                .build();
    }

    private static Dataset data() {
        SplittableRandom random = new SplittableRandom(3);
        return new Dataset(split(random, 512), split(random, 128), split(random, 128), 4);
    }

    /** Twenty Gaussian features; the class is the largest of the first four. */
    private static Split split(SplittableRandom random, int rows) {
        float[] x = new float[rows * 20];
        float[] y = new float[rows * 4];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < 20; i++) {
                x[r * 20 + i] = (float) random.nextGaussian();
            }
            int best = 0;
            for (int k = 1; k < 4; k++) {
                best = x[r * 20 + k] > x[r * 20 + best] ? k : best;
            }
            y[r * 4 + best] = 1;
        }
        return new Split(Nd4j.create(x, new long[] {rows, 20}, 'c'), Nd4j.create(y, new long[] {rows, 4}, 'c'));
    }

    /** The metrics of an epoch without its timings. */
    private static List<List<Object>> deterministic(List<EpochMetrics> epochs) {
        return epochs.stream()
                .map(m -> List.<Object>of(
                        m.epoch(),
                        m.trainLoss(),
                        m.trainAccuracy(),
                        m.validationLoss(),
                        m.validationAccuracy(),
                        m.nonzeroFraction(),
                        m.nonzeroByLayer()))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("rules")
    void aCrashedRunResumesToTheMetricsOfAnUninterruptedOne(Rule rule, @TempDir Path directory) {
        RunResult uninterrupted = Trainer.run(experiment(rule.regularizer(), rule.pruning()), RunOptions.quiet());
        assertEquals(RunStatus.COMPLETED, uninterrupted.status(), uninterrupted.message());

        Path run = directory.resolve("run");
        Experiment crashing = experiment(new Interrupting(rule.regularizer(), 2), rule.pruning());
        assertThrows(
                Interrupting.Crash.class,
                () -> Trainer.run(crashing, RunOptions.quiet().writingTo(run)));
        RunResult resumed = Trainer.resume(run, experiment(rule.regularizer(), rule.pruning()), RunOptions.quiet());

        assertEquals(RunStatus.COMPLETED, resumed.status(), resumed.message());
        assertEquals(deterministic(uninterrupted.epochs()), deterministic(resumed.epochs()));
        assertEquals(uninterrupted.test(), resumed.test());
    }

    @ParameterizedTest
    @MethodSource("rules")
    void aCrashedConvRunResumesToTheMetricsOfAnUninterruptedOne(Rule rule, @TempDir Path directory) {
        RunResult uninterrupted = Trainer.run(convExperiment(rule.regularizer(), rule.pruning()), RunOptions.quiet());
        assertEquals(RunStatus.COMPLETED, uninterrupted.status(), uninterrupted.message());
        assertEquals(
                List.of("conv1", "fc1"),
                List.copyOf(uninterrupted.test().layers().keySet()));
        RunResult again = Trainer.run(convExperiment(rule.regularizer(), rule.pruning()), RunOptions.quiet());
        assertEquals(deterministic(uninterrupted.epochs()), deterministic(again.epochs()), "seeded runs are equal");

        Path run = directory.resolve("run");
        Experiment crashing = convExperiment(new Interrupting(rule.regularizer(), 2), rule.pruning());
        assertThrows(
                Interrupting.Crash.class,
                () -> Trainer.run(crashing, RunOptions.quiet().writingTo(run)));
        RunResult resumed = Trainer.resume(run, convExperiment(rule.regularizer(), rule.pruning()), RunOptions.quiet());

        assertEquals(RunStatus.COMPLETED, resumed.status(), resumed.message());
        assertEquals(deterministic(uninterrupted.epochs()), deterministic(resumed.epochs()));
        assertEquals(uninterrupted.test(), resumed.test());
    }
}

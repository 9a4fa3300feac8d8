package spd.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import spd.runtime.Experiment;
import spd.runtime.data.DataDirectory;
import spd.runtime.data.Mnist;
import spd.runtime.examples.Lenet300AdaTikhonov;
import spd.runtime.examples.Lenet300Plain;
import spd.runtime.optim.OptimizerSpec;

/**
 * Real MNIST training (tag {@code mnist}): skipped with a message when the files are absent locally; CI
 * fetches them first with {@code scripts/fetch-mnist.sh}.
 */
@Tag("mnist")
class MnistTrainingTest {
    @BeforeAll
    static void requireMnist() {
        DataDirectory directory = DataDirectory.resolve(null);
        assumeTrue(
                Mnist.isPresent(directory.path()),
                "MNIST is not in " + directory.path() + " (" + directory.source()
                        + "); run scripts/fetch-mnist.sh to include these tests");
    }

    private static void report(String name, RunResult result) {
        System.out.printf(
                Locale.ROOT,
                "%s: test accuracy %.4f, nonzero %.4f, %.1f s, per epoch:%n",
                name,
                result.test().accuracy(),
                result.test().nonzeroFraction(),
                result.wallSeconds());
        for (EpochMetrics m : result.epochs()) {
            System.out.printf(
                    Locale.ROOT,
                    "  epoch %d: validation error %.4f, nonzero %.4f, %.0f samples/s%n",
                    m.epoch(),
                    m.validationError(),
                    m.nonzeroFraction(),
                    m.samplesPerSecond());
        }
    }

    @Test
    void plainLenet300ReachesNinetySevenPercentInThreeEpochs() {
        RunResult result = Trainer.run(new Lenet300Plain().experiment(), RunOptions.quiet());
        report("plain", result);
        assertEquals(RunStatus.COMPLETED, result.status());
        assertEquals(3, result.epochs().size());
        assertTrue(
                result.test().accuracy() >= 0.97,
                "test accuracy " + result.test().accuracy());
        assertEquals(266_200, result.test().total());
    }

    /**
     * The paper's AdaTikhonov log-sum rule (lambda 1e-3, eps 2, min keep 1e-3) in a run CI can afford: the
     * paper trains 200 epochs at lr 1e-4; 10 epochs at lr 1e-3, decayed linearly to 0, already prune more than
     * 80% of the weights (keep < 0.05) at under 3.5% test error. (10 epochs at the paper's lr 1e-4 reach only
     * about 75% pruned at 7% error.)
     */
    @Test
    void adaTikhonovLogSumPrunesEightyPercentAtUnderThreeAndAHalfPercentError() {
        Experiment paper = new Lenet300AdaTikhonov().experiment();
        Experiment affordable =
                paper.withTraining(paper.training().epochs(10).seed(42).optimizer(OptimizerSpec.adam(1e-3)));
        RunResult result = Trainer.run(affordable, RunOptions.quiet());
        report("adatikhonov", result);
        assertEquals(RunStatus.COMPLETED, result.status());
        double pruned = 1 - result.test().nonzeroFraction();
        assertTrue(pruned >= 0.80, "pruned " + pruned);
        assertTrue(result.test().error() <= 0.035, "test error " + result.test().error());
    }
}

package spd.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import spd.runtime.Experiment;
import spd.runtime.base.RunException;
import spd.runtime.data.DataSpec;
import spd.runtime.nn.Activation;
import spd.runtime.nn.LossKind;
import spd.runtime.nn.NetworkSpec;
import spd.runtime.optim.Schedule;
import spd.runtime.optim.TrainingSpec;
import spd.runtime.prune.Pruning;
import spd.runtime.reg.Regularizers;

/** The theory's linear case end to end: squared loss, no bias, a lasso-type penalty, magnitude pruning. */
class LinearExperimentTest {
    private static final double LAMBDA = 0.02;

    private static INDArray l1(INDArray w) {
        return Transforms.abs(w, true).muli(LAMBDA);
    }

    private static INDArray l1Gradient(INDArray w) {
        return Transforms.sign(w, true).muli(LAMBDA);
    }

    private static Experiment lasso(LossKind loss) {
        return Experiment.named("linear_lasso")
                .data(DataSpec.linear(400, 40, 4, 0.1, 5))
                .network(NetworkSpec.input(40)
                        .dense("linear1", 1, Activation.NONE, false)
                        .loss(loss))
                .training(TrainingSpec.adam(0.05)
                        .epochs(60)
                        .batch(50)
                        .schedule(Schedule.LINEAR_DECAY)
                        .seed(1))
                .regularizeAll(Regularizers.penalty(LinearExperimentTest::l1, LinearExperimentTest::l1Gradient))
                .pruneAll(Pruning.magnitudeBelow(0.02))
                .build();
    }

    @Test
    void aLassoOnSyntheticLinearDataFitsAndPrunesTheNoiseFeatures(@TempDir Path dir) throws Exception {
        RunResult result =
                Trainer.run(lasso(LossKind.SQUARED), RunOptions.quiet().writingTo(dir));
        assertEquals(RunStatus.COMPLETED, result.status());
        assertTrue(Double.isNaN(result.test().accuracy()), "no accuracy for regression");
        // The noise variance is 0.01; the lasso's shrinkage of the 4 true weights adds little to it.
        assertTrue(
                result.test().error() < 0.05,
                "test mean squared error " + result.test().error());
        // 4 true features of 40: the lasso keeps them and (almost) nothing else.
        assertTrue(
                result.test().nonzero() >= 4 && result.test().nonzero() <= 8,
                "nonzero " + result.test().nonzero());
        assertTrue(Files.exists(dir.resolve("validation_error.png")), "plots without a validation split");
        assertTrue(Files.readAllLines(dir.resolve("metrics.csv")).get(1).contains(",,"), "empty cells for NaN");
    }

    @Test
    void aLossThatDoesNotFitTheDataIsExplained() {
        RunException error = org.junit.jupiter.api.Assertions.assertThrows(
                RunException.class, () -> Trainer.run(lasso(LossKind.CROSS_ENTROPY), RunOptions.quiet()));
        assertTrue(error.getMessage().contains("squared"), error.getMessage());
    }
}

package spd.runtime.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import spd.runtime.Experiment;
import spd.runtime.base.RunException;
import spd.runtime.data.DataSpec;
import spd.runtime.nn.Activation;
import spd.runtime.nn.Kernel;
import spd.runtime.nn.LossKind;
import spd.runtime.nn.NetworkSpec;
import spd.runtime.optim.TrainingSpec;

/**
 * Issue 15's sizes that crashed later: refused before anything is allocated, with a message. Only specs are
 * built here; nothing of the size they describe is ever allocated.
 */
class ResourceCheckTest {
    private static final ResourceCheck.Limits EIGHT_GB = new ResourceCheck.Limits(8L << 30, 8L << 30, 16L << 30);

    private static Experiment mnist(int hidden) {
        return Experiment.named("huge")
                .data(DataSpec.mnist(0.2))
                .network(NetworkSpec.input(784)
                        .dense(hidden, Activation.RELU)
                        .dense(10, Activation.NONE)
                        .loss(LossKind.CROSS_ENTROPY))
                .training(TrainingSpec.adam(1e-3).epochs(1).batch(128).seed(1))
                .build();
    }

    private static Experiment linear(int n, int d) {
        return Experiment.named("wide")
                .data(DataSpec.linear(n, d, 5, 0.1, 1))
                .network(NetworkSpec.input(d)
                        .dense("fc1", 1, Activation.NONE, false)
                        .loss(LossKind.SQUARED))
                .training(TrainingSpec.adam(1e-3).epochs(1).batch(20).seed(1))
                .build();
    }

    @Test
    void aLayerOfMoreWeightsThanAnArrayHoldsIsRefused() {
        RunException error = assertThrows(RunException.class, () -> ResourceCheck.check(mnist(3_000_000), EIGHT_GB));
        assertTrue(
                error.getMessage()
                        .contains("layer fc1 has 784 x 3,000,000 = 2,352,000,000 weights, more than one array holds"),
                error.getMessage());
    }

    @Test
    void aConvLayerOfMoreWeightsThanAnArrayHoldsIsRefusedNamingItsFiltersAndFanIn() {
        Experiment conv = Experiment.named("wide_conv")
                .data(DataSpec.mnist(0.2))
                .network(NetworkSpec.image(1, 28, 28)
                        .conv("conv1", 20, Kernel.of(5), Activation.RELU)
                        .conv("conv2", 5_000_000, Kernel.of(5), Activation.RELU)
                        .loss(LossKind.CROSS_ENTROPY))
                .training(TrainingSpec.adam(1e-3).epochs(1).batch(64).seed(1))
                .build();
        RunException error = assertThrows(RunException.class, () -> ResourceCheck.check(conv, EIGHT_GB));
        assertTrue(
                error.getMessage()
                        .contains(
                                "layer conv2 has 5,000,000 filters x 500 inputs each = 2,500,000,000 weights, more than one array holds"),
                error.getMessage());
    }

    @Test
    void aNetworkTooLargeForTheMemoryIsRefusedNamingTheNeed() {
        RunException error = assertThrows(RunException.class, () -> ResourceCheck.check(mnist(1_000_000), EIGHT_GB));
        assertTrue(error.getMessage().contains("this run needs about "), error.getMessage());
        assertTrue(error.getMessage().contains("795,000,010 parameters"), error.getMessage());
        ResourceCheck.check(mnist(300), EIGHT_GB); // LeNet-sized: fine
    }

    @Test
    void linearDataPastTwoToTheThirtyOneValuesIsRefused() {
        RunException error =
                assertThrows(RunException.class, () -> ResourceCheck.check(linear(100_000, 50_000), EIGHT_GB));
        assertTrue(
                error.getMessage().contains("linear data n = 100,000 by d = 50,000 is 5,000,000,000 values"),
                error.getMessage());
    }

    @Test
    void thisProcessHasLimitsAndASmallRunFitsThem() {
        ResourceCheck.Limits limits = ResourceCheck.Limits.ofThisProcess();
        assertTrue(limits.heap() > 0 && limits.nativeMemory() > 0 && limits.physical() > 0, limits.toString());
        ResourceCheck.check(linear(200, 50));
    }
}

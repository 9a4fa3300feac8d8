package spd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import spd.runtime.data.DataSpec;
import spd.runtime.nn.Activation;
import spd.runtime.nn.NetworkSpec;
import spd.runtime.optim.Schedule;
import spd.runtime.optim.TrainingSpec;
import spd.runtime.prune.Pruning;
import spd.runtime.reg.Regularizers;

/** The declarative experiment: layer naming, per-layer rules, schedules and mistakes. */
class ExperimentTest {
    private static final NetworkSpec LENET = NetworkSpec.input(784)
            .dense(300, Activation.RELU)
            .dense(100, Activation.RELU)
            .dense(10, Activation.NONE);

    @Test
    void layersAreNamedInOrderAndCountTheirWeights() {
        assertEquals(List.of("fc1", "fc2", "fc3"), LENET.names());
        assertEquals(266_200, LENET.weightCount());
        assertEquals(10, LENET.outputs());
    }

    @Test
    void rulesAttachToTheNamedLayersOnly() {
        Experiment experiment = Experiment.named("e")
                .data(DataSpec.mnist(0.2))
                .network(LENET)
                .training(TrainingSpec.adam(1e-3))
                .regularize(Regularizers.bernoulliFixed(0.5), "fc1", "fc2")
                .prune(Pruning.magnitudeBelow(1e-3), "fc2")
                .build();
        assertEquals("bernoulli", experiment.regularizer("fc1").kind());
        assertEquals(null, experiment.regularizer("fc3"));
        assertEquals(new Pruning.None(), experiment.pruning("fc1"));
        assertEquals(7, experiment.withEpochs(7).training().epochs());
    }

    @Test
    void unknownLayersAndMissingPartsAreReported() {
        var builder =
                Experiment.named("e").data(DataSpec.mnist(0.2)).network(LENET).training(TrainingSpec.adam(1e-3));
        assertThrows(
                IllegalArgumentException.class,
                () -> builder.regularize(Regularizers.bernoulliFixed(0.5), "fc9")
                        .build());
        assertThrows(
                IllegalStateException.class,
                () -> Experiment.named("e").network(LENET).build());
        assertThrows(IllegalArgumentException.class, () -> DataSpec.mnist(1.0));
        assertThrows(IllegalArgumentException.class, () -> Regularizers.bernoulliFixed(0));
    }

    @Test
    void linearDecayFollowsPyTorchsLambdaLr() {
        TrainingSpec spec = TrainingSpec.adam(1e-3).epochs(200).schedule(Schedule.LINEAR_DECAY);
        assertEquals(1e-3, spec.learningRate(0), 1e-15);
        assertEquals(5e-4, spec.learningRate(100), 1e-15);
        assertEquals(5e-6, spec.learningRate(199), 1e-15);
    }
}

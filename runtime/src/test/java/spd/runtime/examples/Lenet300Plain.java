// Hand-written in the shape of: spd compile examples/lenet300_plain.spd -- DO NOT EDIT.
package spd.runtime.examples;

import static spd.runtime.nn.Activation.NONE;
import static spd.runtime.nn.Activation.RELU;
import static spd.runtime.nn.LossKind.CROSS_ENTROPY;
import static spd.runtime.optim.Schedule.LINEAR_DECAY;

import spd.runtime.Experiment;
import spd.runtime.SpdExperiment;
import spd.runtime.data.DataSpec;
import spd.runtime.nn.NetworkSpec;
import spd.runtime.optim.TrainingSpec;

/** lenet300_plain: LeNet-300-100 on MNIST without any regularizer (the baseline). */
public final class Lenet300Plain implements SpdExperiment {
    @Override
    public Experiment experiment() {
        return Experiment.named("lenet300_plain")
                // spd:3  data mnist { validation 0.2 }
                .data(DataSpec.mnist(0.2))
                // spd:4  network { input 784  dense 300 relu  dense 100 relu  dense 10  loss cross_entropy }
                .network(NetworkSpec.input(784)
                        .dense(300, RELU)
                        .dense(100, RELU)
                        .dense(10, NONE)
                        .loss(CROSS_ENTROPY))
                // spd:11  train adam(lr = 1e-3) { epochs 3, batch 128, schedule linear_decay, seed 42 }
                .training(TrainingSpec.adam(1e-3)
                        .epochs(3)
                        .batch(128)
                        .schedule(LINEAR_DECAY)
                        .seed(42))
                .build();
    }
}

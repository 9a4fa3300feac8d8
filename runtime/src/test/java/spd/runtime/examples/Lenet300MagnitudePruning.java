// Hand-written in the shape of: spd compile examples/lenet300_magnitude.spd -- DO NOT EDIT.
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
import spd.runtime.prune.Pruning;
import spd.runtime.reg.MagnitudePruning;

/**
 * lenet300_magnitude: LeNet-300-100 on MNIST with gradual magnitude pruning to 95% sparsity per layer (Zhu
 * and Gupta 2017). Effective penalty: the indicator of ||w||_0 <= k (theory.md table row 13).
 */
public final class Lenet300MagnitudePruning implements SpdExperiment {
    // spd:10  let target = 0.95
    static final double TARGET = 0.95;

    @Override
    public Experiment experiment() {
        return Experiment.named("lenet300_magnitude")
                // spd:3  data mnist { validation 0.2 }
                .data(DataSpec.mnist(0.2))
                // spd:4  network { input 784  dense 300 relu  dense 100 relu  dense 10  loss cross_entropy }
                .network(NetworkSpec.input(784)
                        .dense(300, RELU)
                        .dense(100, RELU)
                        .dense(10, NONE)
                        .loss(CROSS_ENTROPY))
                // spd:12  train adam(lr = 1e-3) { epochs 200, batch 128, schedule linear_decay, seed 42 }
                .training(TrainingSpec.adam(1e-3)
                        .epochs(200)
                        .batch(128)
                        .schedule(LINEAR_DECAY)
                        .seed(42))
                // spd:11  mask magnitude { target target, schedule cubic epochs 10..100, every 100 }
                .regularizeAll(MagnitudePruning.cubic(TARGET, 10, 100, 100))
                // pruned weights are exactly zero: no separate pruning rule
                .pruneAll(Pruning.none())
                .constant("target", TARGET)
                .build();
    }
}

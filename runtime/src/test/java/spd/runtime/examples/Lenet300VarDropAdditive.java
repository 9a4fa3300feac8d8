// Hand-written in the shape of: spd compile examples/lenet300_vardrop_additive.spd -- DO NOT EDIT.
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
import spd.runtime.reg.VariationalDropout;
import spd.runtime.reg.VariationalDropout.Reparameterization;

/**
 * lenet300_vardrop_additive: LeNet-300-100 on MNIST with sparse variational dropout, reparameterization
 * `additive` (the paper's "VarDrop+LR+AR" run). Effective penalty: log-sum-like, about LogSum(eps = 2) with
 * twice the weight.
 */
public final class Lenet300VarDropAdditive implements SpdExperiment {
    // spd:10  let threshold = log(19)
    static final double THRESHOLD = Math.log(19);

    @Override
    public Experiment experiment() {
        return Experiment.named("lenet300_vardrop_additive")
                // spd:3  data mnist { validation 0.2 }
                .data(DataSpec.mnist(0.2))
                // spd:4  network { input 784  dense 300 relu  dense 100 relu  dense 10  loss cross_entropy }
                .network(NetworkSpec.input(784)
                        .dense(300, RELU)
                        .dense(100, RELU)
                        .dense(10, NONE)
                        .loss(CROSS_ENTROPY))
                // spd:12  train adam(lr = 1e-4) { epochs 200, batch 128, schedule linear_decay, seed 42 }
                .training(TrainingSpec.adam(1e-4)
                        .epochs(200)
                        .batch(128)
                        .schedule(LINEAR_DECAY)
                        .seed(42))
                // spd:11  mask variational { reparam additive, threshold threshold }
                .regularizeAll(VariationalDropout.of(Reparameterization.ADDITIVE, THRESHOLD))
                // spd:13  prune log_alpha > threshold
                .pruneAll(Pruning.logAlphaAbove(THRESHOLD))
                .constant("threshold", THRESHOLD)
                .build();
    }
}

// Hand-written in the shape of: spd compile examples/lenet300_hard_concrete.spd -- DO NOT EDIT.
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
import spd.runtime.reg.HardConcrete;

/**
 * lenet300_hard_concrete: LeNet-300-100 on MNIST with L0 hard-concrete gates on every weight (Louizos et al.
 * 2018). Effective penalty: MCP / capped-l1-like, saturating (theory.md table row 11).
 */
public final class Lenet300HardConcrete implements SpdExperiment {
    // spd:10  let lambda = 0.1 / 48000   (Louizos et al.'s 0.1 per training example)
    static final double LAMBDA = 0.1 / 48000;
    // spd:11  let open = 0.8318   (P(z != 0) of Louizos et al.'s initialisation log_a = 0, i.e. droprate 0.5)
    static final double OPEN = 0.8318;

    @Override
    public Experiment experiment() {
        return Experiment.named("lenet300_hard_concrete")
                // spd:3  data mnist { validation 0.2 }
                .data(DataSpec.mnist(0.2))
                // spd:4  network { input 784  dense 300 relu  dense 100 relu  dense 10  loss cross_entropy }
                .network(NetworkSpec.input(784)
                        .dense(300, RELU)
                        .dense(100, RELU)
                        .dense(10, NONE)
                        .loss(CROSS_ENTROPY))
                // spd:13  train adam(lr = 1e-3) { epochs 200, batch 128, schedule linear_decay, seed 42 }
                .training(TrainingSpec.adam(1e-3)
                        .epochs(200)
                        .batch(128)
                        .schedule(LINEAR_DECAY)
                        .seed(42))
                // spd:12  mask hard_concrete { weight lambda, beta 2/3, gamma -0.1, zeta 1.1, init open }
                .regularizeAll(HardConcrete.of(LAMBDA, 2.0 / 3.0, -0.1, 1.1, OPEN))
                // the test-time gate is exactly 0 for closed gates: no separate pruning rule
                .pruneAll(Pruning.none())
                .constant("lambda", LAMBDA)
                .constant("open", OPEN)
                .build();
    }
}

// Hand-written in the shape of: spd compile examples/lenet300_eta_trick.spd -- DO NOT EDIT.
package spd.runtime.examples;

import static spd.runtime.nn.Activation.NONE;
import static spd.runtime.nn.Activation.RELU;
import static spd.runtime.nn.LossKind.CROSS_ENTROPY;
import static spd.runtime.optim.Schedule.LINEAR_DECAY;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import spd.runtime.Experiment;
import spd.runtime.SpdExperiment;
import spd.runtime.data.DataSpec;
import spd.runtime.nn.NetworkSpec;
import spd.runtime.optim.TrainingSpec;
import spd.runtime.prune.Pruning;
import spd.runtime.reg.EtaTrick;

/**
 * lenet300_eta_trick: LeNet-300-100 on MNIST with eta learned jointly with the weights (the paper's "eta-Trick"
 * run). Effective penalty: lambda * log(1 + |w|/eps), through the log-sum dual f.
 */
public final class Lenet300EtaTrick implements SpdExperiment {
    // spd:10  let lambda = 1e-3
    static final double LAMBDA = 1e-3;
    // spd:11  let eps = 2
    static final double EPS = 2;

    // spd:12  mask eta_trick { dual f(eta) = 2*log((r + eps)/2) - (r - eps)^2/(4*eta), r = sqrt(eps^2 + 4*eta), ... }
    static INDArray dual(INDArray eta) {
        INDArray r = Transforms.sqrt(eta.mul(4).addi(EPS * EPS), false);
        INDArray gap = r.sub(EPS);
        return Transforms.log(r.addi(EPS).divi(2), false)
                .muli(2)
                .subi(gap.muli(gap).divi(eta.mul(4)));
    }

    // spd:12  (derivative) f'(eta) = (r - eps)^2/(4*eta^2)
    static INDArray dualDerivative(INDArray eta) {
        INDArray gap = Transforms.sqrt(eta.mul(4).addi(EPS * EPS), false).subi(EPS);
        return gap.muli(gap).divi(eta.mul(eta).muli(4));
    }

    @Override
    public Experiment experiment() {
        return Experiment.named("lenet300_eta_trick")
                // spd:3  data mnist { validation 0.2 }
                .data(DataSpec.mnist(0.2))
                // spd:4  network { input 784  dense 300 relu  dense 100 relu  dense 10  loss cross_entropy }
                .network(NetworkSpec.input(784)
                        .dense(300, RELU)
                        .dense(100, RELU)
                        .dense(10, NONE)
                        .loss(CROSS_ENTROPY))
                // spd:14  train adam(lr = 1e-3) { epochs 200, batch 128, schedule linear_decay, seed 42 }
                .training(TrainingSpec.adam(1e-3)
                        .epochs(200)
                        .batch(128)
                        .schedule(LINEAR_DECAY)
                        .seed(42))
                // spd:12  mask eta_trick { dual f(eta) = ..., init 5, decay 1e-3 }
                .regularizeAll(EtaTrick.of(LAMBDA, Lenet300EtaTrick::dual, Lenet300EtaTrick::dualDerivative, 5, 1e-3))
                // spd:15  prune keep < 0.05
                .pruneAll(Pruning.learnedKeepBelow(0.05))
                .constant("lambda", LAMBDA)
                .constant("eps", EPS)
                .build();
    }
}

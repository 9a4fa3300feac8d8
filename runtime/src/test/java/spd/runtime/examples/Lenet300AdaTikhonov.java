// Hand-written in the shape of: spd compile examples/lenet300_adatikhonov.spd -- DO NOT EDIT.
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
import spd.runtime.reg.Regularizers;

/**
 * lenet300_adatikhonov: LeNet-300-100 on MNIST with adaptive Tikhonov reweighting (the paper's
 * "AdaTikhonov" run). Effective penalty: lambda * log(1 + |w|/eps).
 */
public final class Lenet300AdaTikhonov implements SpdExperiment {
    // spd:10  let lambda = 1e-3
    static final double LAMBDA = 1e-3;
    // spd:11  let eps = 2
    static final double EPS = 2;

    // spd:12  eta(w) = |w| * (|w| + eps)
    static INDArray eta(INDArray w) {
        INDArray absW = Transforms.abs(w, true);
        return absW.add(EPS).muli(absW);
    }

    // spd:13  mask tikhonov { keep = eta / (eta + lambda), min_keep 1e-3 }
    static INDArray keep(INDArray w) {
        INDArray eta = eta(w);
        return eta.div(eta.add(LAMBDA));
    }

    @Override
    public Experiment experiment() {
        return Experiment.named("lenet300_adatikhonov")
                // spd:3  data mnist { validation 0.2 }
                .data(DataSpec.mnist(0.2))
                // spd:4  network { input 784  dense 300 relu  dense 100 relu  dense 10  loss cross_entropy }
                .network(NetworkSpec.input(784)
                        .dense(300, RELU)
                        .dense(100, RELU)
                        .dense(10, NONE)
                        .loss(CROSS_ENTROPY))
                // spd:14  train adam(lr = 1e-4) { epochs 200, batch 128, schedule linear_decay, seed 42 }
                .training(TrainingSpec.adam(1e-4)
                        .epochs(200)
                        .batch(128)
                        .schedule(LINEAR_DECAY)
                        .seed(42))
                .regularizeAll(Regularizers.tikhonov(Lenet300AdaTikhonov::keep, 1e-3))
                // spd:15  prune keep < 0.05
                .pruneAll(Pruning.keepBelow(Lenet300AdaTikhonov::keep, 0.05))
                .constant("lambda", LAMBDA)
                .constant("eps", EPS)
                .build();
    }
}

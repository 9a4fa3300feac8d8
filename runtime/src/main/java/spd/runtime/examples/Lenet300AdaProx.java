// Hand-written in the shape of: spd compile examples/lenet300_adaprox.spd -- DO NOT EDIT.
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
import spd.runtime.reg.ProxScale;
import spd.runtime.reg.Regularizers;

/**
 * lenet300_adaprox: LeNet-300-100 on MNIST with Adam-scaled adaptive proximal shrinking (the paper's
 * "AdaProx" run). Effective penalty: lambda * log(1 + |w|/eps).
 */
public final class Lenet300AdaProx implements SpdExperiment {
  // spd:10  let lambda = 1e-3
  static final double LAMBDA = 1e-3;
  // spd:11  let eps = 2
  static final double EPS = 2;

  // spd:12  eta(w) = |w| * (|w| + eps)
  static INDArray eta(INDArray w) {
    INDArray absW = Transforms.abs(w, true);
    return absW.add(EPS).muli(absW);
  }

  // spd:13  mask prox { keep = eta / (eta + lr * lambda), scale adam }
  static INDArray keep(INDArray w, INDArray lr) {
    INDArray eta = eta(w);
    return eta.div(lr.mul(LAMBDA).addi(eta));
  }

  @Override
  public Experiment experiment() {
    return Experiment.named("lenet300_adaprox")
        // spd:3  data mnist { validation 0.2 }
        .data(DataSpec.mnist(0.2))
        // spd:4  network { input 784  dense 300 relu  dense 100 relu  dense 10  loss cross_entropy }
        .network(
            NetworkSpec.input(784)
                .dense(300, RELU)
                .dense(100, RELU)
                .dense(10, NONE)
                .loss(CROSS_ENTROPY))
        // spd:14  train adam(lr = 1e-4) { epochs 200, batch 128, schedule linear_decay, seed 42 }
        .training(TrainingSpec.adam(1e-4).epochs(200).batch(128).schedule(LINEAR_DECAY).seed(42))
        .regularizeAll(Regularizers.prox(Lenet300AdaProx::keep, ProxScale.OPTIMIZER))
        // spd:15  prune keep < 0.05   (keep of the prox rule: its shrink factor at the last step size)
        .pruneAll(Pruning.learnedKeepBelow(0.05))
        .constant("lambda", LAMBDA)
        .constant("eps", EPS)
        .build();
  }
}

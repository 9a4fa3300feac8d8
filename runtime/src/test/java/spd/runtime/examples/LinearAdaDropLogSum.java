// Hand-written in the shape of: spd compile examples/linear_adadrop_logsum.spd -- DO NOT EDIT.
package spd.runtime.examples;

import static spd.runtime.nn.Activation.NONE;
import static spd.runtime.nn.LossKind.SQUARED;
import static spd.runtime.optim.Schedule.LINEAR_DECAY;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import spd.runtime.Experiment;
import spd.runtime.SpdExperiment;
import spd.runtime.data.DataSpec;
import spd.runtime.duality.DataFactor;
import spd.runtime.duality.LinearDuality;
import spd.runtime.nn.NetworkSpec;
import spd.runtime.optim.TrainingSpec;
import spd.runtime.prune.Pruning;
import spd.runtime.reg.Regularizers;

/**
 * linear_adadrop_logsum: the linear case of the theory. Adaptive scaled-Bernoulli DropConnect with the log-sum
 * reweighting on a seeded sparse regression, whose fixed points are those of L + lambda log(1 + |w|/eps); the
 * duality check compares the trained weights with IRLS for the same eta.
 */
public final class LinearAdaDropLogSum implements SpdExperiment, LinearDuality {
    // spd:4  let lambda = 0.1
    public static final double LAMBDA = 0.1;
    // spd:5  let eps = 0.5
    public static final double EPS = 0.5;
    // spd:10  prune |w| < 0.05 (also the support threshold of the duality check)
    public static final double SUPPORT_THRESHOLD = 0.05;
    // spd:3  data linear { n 200, d 50, support 5, noise 0.1, seed 7 }
    public static final DataSpec.Linear DATA = DataSpec.linear(200, 50, 5, 0.1, 7);

    // spd:6  eta(w) = |w| * (|w| + eps)
    public static INDArray eta(INDArray w) {
        INDArray absW = Transforms.abs(w, true);
        return absW.add(EPS).muli(absW);
    }

    // spd:7  mask bernoulli { keep = eta / (eta + lambda) }
    static INDArray keep(INDArray w) {
        INDArray eta = eta(w);
        return eta.div(eta.add(LAMBDA));
    }

    @Override
    public INDArray etaHat(INDArray w) {
        return eta(w);
    }

    @Override
    public double lambda() {
        return LAMBDA;
    }

    @Override
    public DataFactor dataFactor() {
        return DataFactor.COLUMN_MEAN_SQUARE;
    }

    @Override
    public Experiment experiment() {
        return Experiment.named("linear_adadrop_logsum")
                .data(DATA)
                // spd:8  network { input 50  linear 1  loss squared }
                .network(NetworkSpec.input(50).dense("fc1", 1, NONE, false).loss(SQUARED))
                // spd:9  train adam(lr = 3e-3) { epochs 200, batch 5, schedule linear_decay, seed 1 }
                .training(TrainingSpec.adam(3e-3)
                        .epochs(200)
                        .batch(5)
                        .schedule(LINEAR_DECAY)
                        .seed(1))
                .regularizeAll(Regularizers.bernoulli(LinearAdaDropLogSum::keep))
                // spd:10  prune |w| < 0.05
                .pruneAll(Pruning.magnitudeBelow(SUPPORT_THRESHOLD))
                .constant("lambda", LAMBDA)
                .constant("eps", EPS)
                .build();
    }
}

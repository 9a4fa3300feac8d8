package spd.runtime.train;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import spd.runtime.Experiment;
import spd.runtime.data.DataSpec;
import spd.runtime.data.Dataset;
import spd.runtime.data.Split;
import spd.runtime.nn.Activation;
import spd.runtime.nn.LossKind;
import spd.runtime.nn.NetworkSpec;
import spd.runtime.optim.Schedule;
import spd.runtime.optim.TrainingSpec;
import spd.runtime.prune.Pruning;
import spd.runtime.reg.Regularizers;

/** Small seeded experiments for trainer tests: Gaussian class blobs and a network with masks and penalties. */
final class Fixtures {
    private Fixtures() {}

    /** Rows of {@code features} Gaussian features around one of {@code classes} random centres. */
    static Dataset blobs(int rows, int features, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[classes][features];
        for (double[] centre : centres) {
            for (int j = 0; j < features; j++) {
                centre[j] = 0.35 * random.nextGaussian();
            }
        }
        return new Dataset(
                split(rows, centres, random),
                split(rows / 5, centres, random),
                split(rows / 5, centres, random),
                classes);
    }

    private static Split split(int rows, double[][] centres, SplittableRandom random) {
        int features = centres[0].length;
        float[] x = new float[rows * features];
        float[] y = new float[rows * centres.length];
        for (int r = 0; r < rows; r++) {
            int label = random.nextInt(centres.length);
            for (int j = 0; j < features; j++) {
                x[r * features + j] = (float) (centres[label][j] + random.nextGaussian());
            }
            y[r * centres.length + label] = 1f;
        }
        return new Split(
                Nd4j.create(x, new long[] {rows, features}, 'c'),
                Nd4j.create(y, new long[] {rows, centres.length}, 'c'));
    }

    static final double LAMBDA = 1e-3;

    static INDArray keep(INDArray w) {
        INDArray absW = Transforms.abs(w, true);
        INDArray eta = absW.add(2).muli(absW);
        return eta.div(eta.add(LAMBDA));
    }

    /** The fixture with a penalty whose gradient is NaN from the first step: it diverges in epoch 1. */
    static Experiment diverging() {
        Experiment fixture = experiment(640, 2, 7);
        return Experiment.named("fixture_diverging")
                .data(fixture.data())
                .network(fixture.network())
                .training(fixture.training())
                .regularize(Regularizers.penalty(w -> w.mul(0), Fixtures::nanLike), "fc1")
                .build();
    }

    /** An array of NaN shaped like {@code w} (ND4J's scalar ops do not propagate a NaN scalar). */
    static INDArray nanLike(INDArray w) {
        float[] values = new float[(int) w.length()];
        java.util.Arrays.fill(values, Float.NaN);
        return Nd4j.create(values, w.shape(), 'c');
    }

    /** Blobs through 100-128-64-10 with adaptive DropConnect on fc1 and adaptive Tikhonov on fc2. */
    static Experiment experiment(int rows, int epochs, long seed) {
        return Experiment.named("fixture")
                .data(DataSpec.provided("gaussian blobs", dir -> blobs(rows, 100, 10, 99)))
                .network(NetworkSpec.input(100)
                        .dense(128, Activation.RELU)
                        .dense(64, Activation.RELU)
                        .dense(10, Activation.NONE)
                        .loss(LossKind.CROSS_ENTROPY))
                .training(TrainingSpec.adam(2e-3)
                        .epochs(epochs)
                        .batch(64)
                        .schedule(Schedule.LINEAR_DECAY)
                        .seed(seed))
                .regularize(Regularizers.bernoulli(Fixtures::keep, 3), "fc1")
                .regularize(Regularizers.tikhonov(Fixtures::keep, 1e-3), "fc2")
                .pruneAll(Pruning.keepBelow(Fixtures::keep, 0.05))
                .constant("lambda", LAMBDA)
                .build();
    }
}

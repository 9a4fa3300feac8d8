package spd.runtime.data;

import java.util.SplittableRandom;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.base.Seeds;

/**
 * The seeded synthetic linear-regression generator of the theory's linear case: X with i.i.d. N(0, 1)
 * entries, a true weight vector with {@code support} nonzero N(0, 1) entries at random positions, and y = X w
 * + noise * N(0, 1). The test split is n fresh rows of the same model.
 */
public final class LinearRegression {
    private LinearRegression() {}

    /** The data set and the true weights that generated it. */
    public record Generated(Dataset dataset, double[] trueWeights) {}

    /** Generates the data a {@link DataSpec.Linear} declares. */
    public static Generated generate(DataSpec.Linear spec) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(spec.seed(), Seeds.DATA));
        double[] weights = trueWeights(spec, random);
        Split train = sample(spec, weights, random);
        Split test = sample(spec, weights, random);
        Split validation = new Split(Nd4j.zeros(0, spec.d()), Nd4j.zeros(0, 1));
        return new Generated(new Dataset(train, validation, test, 0), weights);
    }

    private static double[] trueWeights(DataSpec.Linear spec, SplittableRandom random) {
        double[] weights = new double[spec.d()];
        int[] order = Seeds.permutation(spec.d(), random.nextLong());
        for (int i = 0; i < spec.support(); i++) {
            weights[order[i]] = random.nextGaussian();
        }
        return weights;
    }

    private static Split sample(DataSpec.Linear spec, double[] weights, SplittableRandom random) {
        float[] x = new float[spec.n() * spec.d()];
        float[] y = new float[spec.n()];
        for (int row = 0; row < spec.n(); row++) {
            double response = 0;
            for (int col = 0; col < spec.d(); col++) {
                double value = random.nextGaussian();
                x[row * spec.d() + col] = (float) value;
                response += value * weights[col];
            }
            y[row] = (float) (response + spec.noise() * random.nextGaussian());
        }
        return new Split(
                Nd4j.create(x, new long[] {spec.n(), spec.d()}, 'c'), Nd4j.create(y, new long[] {spec.n(), 1}, 'c'));
    }
}

package spd.runtime.data;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Examples read from a file (npz or CSV), checked and ready to split: features row by row, and either class
 * indices or regression values.
 *
 * @param file where the rows come from, for messages
 * @param rows the number of examples
 * @param width the number of features per example
 * @param features {@code rows x width} values, row-major
 * @param classes the class of each row (classification), or null
 * @param values {@code rows x outputs} regression targets, row-major, or null
 * @param outputs the number of regression values per row, or the number of classes
 */
record Table(Path file, int rows, int width, float[] features, int[] classes, float[] values, int outputs) {

    /**
     * The data set of a training and a test table: the training rows split into train and validation by the
     * seeded permutation, features standardised with the train split's statistics when asked.
     */
    static Dataset dataset(Table train, Table test, DataSpec.TableOptions options, List<Integer> featureShape) {
        HoldOut split = HoldOut.of(train.rows, options.validationFraction(), options.splitSeed());
        float[][] scaling = options.standardize() ? train.standardization(split.train()) : null;
        return new Dataset(
                train.split(split.train(), scaling),
                train.split(split.validation(), scaling),
                test.split(HoldOut.all(test.rows), scaling),
                options.classes(),
                featureShape);
    }

    /** The per-feature mean and 1/std of the given rows (1 where a feature is constant). */
    private float[][] standardization(int[] rowsUsed) {
        double[] sum = new double[width];
        double[] squares = new double[width];
        for (int r : rowsUsed) {
            for (int c = 0; c < width; c++) {
                double v = features[r * width + c];
                sum[c] += v;
                squares[c] += v * v;
            }
        }
        float[] mean = new float[width];
        float[] inverseStd = new float[width];
        int n = Math.max(1, rowsUsed.length);
        for (int c = 0; c < width; c++) {
            double m = sum[c] / n;
            double variance = Math.max(0, squares[c] / n - m * m);
            mean[c] = (float) m;
            // A constant feature stays constant (at 0) instead of becoming NaN.
            inverseStd[c] = variance > 0 ? (float) (1 / Math.sqrt(variance)) : 1f;
        }
        return new float[][] {mean, inverseStd};
    }

    private Split split(int[] selected, float[][] scaling) {
        int targetWidth = outputs;
        if (selected.length == 0) {
            return new Split(Nd4j.zeros(DataType.FLOAT, 0, width), Nd4j.zeros(DataType.FLOAT, 0, targetWidth));
        }
        float[] x = new float[selected.length * width];
        float[] y = new float[selected.length * targetWidth];
        for (int r = 0; r < selected.length; r++) {
            int source = selected[r];
            for (int c = 0; c < width; c++) {
                float v = features[source * width + c];
                x[r * width + c] = scaling == null ? v : (v - scaling[0][c]) * scaling[1][c];
            }
            if (classes != null) {
                y[r * targetWidth + classes[source]] = 1f;
            } else {
                System.arraycopy(values, source * targetWidth, y, r * targetWidth, targetWidth);
            }
        }
        INDArray features = Nd4j.create(x, new long[] {selected.length, width}, 'c');
        INDArray targets = Nd4j.create(y, new long[] {selected.length, targetWidth}, 'c');
        return new Split(features, targets);
    }
}

package spd.runtime.duality;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import spd.runtime.data.DataSpec;
import spd.runtime.data.LinearRegression;

/**
 * A linear least-squares problem in double precision: X (n x d, row-major), y, and the true weights of the
 * generator when known. The objective the trainer minimises is the mean loss (1/2n) ||y - X w||^2.
 */
public record LinearProblem(int n, int d, double[] x, double[] y, double[] trueWeights) {
    /** Checks the sizes. */
    public LinearProblem {
        if (x.length != (long) n * d || y.length != n || (trueWeights != null && trueWeights.length != d)) {
            throw new IllegalArgumentException("a linear problem needs X of n x d, y of n and true weights of d");
        }
    }

    /** The training split of the seeded generator, exactly as the trainer sees it, and its true weights. */
    public static LinearProblem generated(DataSpec.Linear spec) {
        LinearRegression.Generated generated = LinearRegression.generate(spec);
        INDArray features = generated.dataset().train().features();
        INDArray targets = generated.dataset().train().targets();
        return new LinearProblem(
                spec.n(),
                spec.d(),
                features.castTo(DataType.DOUBLE).dup('c').data().asDouble(),
                targets.castTo(DataType.DOUBLE).dup('c').data().asDouble(),
                generated.trueWeights().clone());
    }

    /** X^T X / n, d x d. */
    double[][] gram() {
        double[][] gram = new double[d][d];
        for (int row = 0; row < n; row++) {
            int base = row * d;
            for (int i = 0; i < d; i++) {
                double xi = x[base + i];
                if (xi == 0) {
                    continue;
                }
                double[] gramRow = gram[i];
                for (int j = i; j < d; j++) {
                    gramRow[j] += xi * x[base + j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                gram[i][j] /= n;
                gram[j][i] = gram[i][j];
            }
        }
        return gram;
    }

    /** X^T y / n. */
    double[] correlation() {
        double[] out = new double[d];
        for (int row = 0; row < n; row++) {
            for (int i = 0; i < d; i++) {
                out[i] += x[row * d + i] * y[row];
            }
        }
        for (int i = 0; i < d; i++) {
            out[i] /= n;
        }
        return out;
    }

    /** The data factors s_i. */
    double[] factors(DataFactor factor) {
        double[] s = new double[d];
        switch (factor) {
            case UNIT -> java.util.Arrays.fill(s, 1.0);
            case COLUMN_MEAN_SQUARE -> {
                for (int row = 0; row < n; row++) {
                    for (int i = 0; i < d; i++) {
                        double value = x[row * d + i];
                        s[i] += value * value / n;
                    }
                }
            }
        }
        return s;
    }

    /** The mean loss (1/2n) ||y - X w||^2. */
    public double loss(double[] w) {
        double sum = 0;
        for (int row = 0; row < n; row++) {
            double residual = y[row];
            for (int i = 0; i < d; i++) {
                residual -= x[row * d + i] * w[i];
            }
            sum += residual * residual;
        }
        return sum / (2 * n);
    }
}

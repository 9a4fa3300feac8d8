package spd.runtime.duality;

/** Solves a symmetric positive-definite system by Cholesky factorisation (the systems here are small). */
final class Cholesky {
    private Cholesky() {}

    /** The solution of M z = b; M is overwritten by its factor. Fails if M is not positive definite. */
    static double[] solve(double[][] m, double[] b) {
        int d = b.length;
        for (int j = 0; j < d; j++) {
            double diagonal = m[j][j];
            for (int k = 0; k < j; k++) {
                diagonal -= m[j][k] * m[j][k];
            }
            if (!(diagonal > 0)) {
                throw new ArithmeticException("the IRLS system is not positive definite at column " + j);
            }
            double root = Math.sqrt(diagonal);
            m[j][j] = root;
            for (int i = j + 1; i < d; i++) {
                double value = m[i][j];
                for (int k = 0; k < j; k++) {
                    value -= m[i][k] * m[j][k];
                }
                m[i][j] = value / root;
            }
        }
        double[] z = b.clone();
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < i; k++) {
                z[i] -= m[i][k] * z[k];
            }
            z[i] /= m[i][i];
        }
        for (int i = d - 1; i >= 0; i--) {
            for (int k = i + 1; k < d; k++) {
                z[i] -= m[k][i] * z[k];
            }
            z[i] /= m[i][i];
        }
        return z;
    }
}

package spd.runtime.duality;

/** The lasso (1/2n)||y - X w||^2 + lambda ||w||_1 by cyclic coordinate descent with soft thresholding. */
final class CoordinateDescentLasso {
    private CoordinateDescentLasso() {}

    static double[] solve(LinearProblem problem, double lambda, int sweeps) {
        int n = problem.n();
        int d = problem.d();
        double[] x = problem.x();
        double[] w = new double[d];
        double[] residual = problem.y().clone();
        for (int sweep = 0; sweep < sweeps; sweep++) {
            for (int j = 0; j < d; j++) {
                double columnSquare = 0;
                double rho = 0;
                for (int row = 0; row < n; row++) {
                    double value = x[row * d + j];
                    columnSquare += value * value;
                    rho += value * (residual[row] + value * w[j]);
                }
                columnSquare /= n;
                rho /= n;
                double next = Math.signum(rho) * Math.max(Math.abs(rho) - lambda, 0) / columnSquare;
                for (int row = 0; row < n; row++) {
                    residual[row] -= x[row * d + j] * (next - w[j]);
                }
                w[j] = next;
            }
        }
        return w;
    }
}

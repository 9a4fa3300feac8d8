package spd.compiler.numeric;

/**
 * A Gauss–Kronrod pair on [-1, 1]: the n-point Gauss–Legendre rule and its (2n+1)-point Kronrod extension,
 * computed at class-loading time from the Legendre polynomials rather than copied from a table.
 *
 * <p>The Kronrod nodes added to the Gauss nodes are the zeros of the Stieltjes polynomial E_{n+1}, the monic
 * polynomial of degree n+1 orthogonal to every polynomial of degree at most n with respect to the sign-changing
 * weight P_n(x) on [-1, 1]. The weights then follow from exactness on P_0 ... P_{2n}; the resulting rule is exact
 * up to degree 3n+1 (checked by the tests).
 *
 * @param nodes all 2n+1 nodes, in increasing order
 * @param kronrodWeights the weights of the Kronrod rule at {@code nodes}
 * @param gaussWeights the weights of the Gauss rule at {@code nodes} (0 at the Kronrod-only nodes)
 */
record GaussKronrodRule(double[] nodes, double[] kronrodWeights, double[] gaussWeights) {

    /** The 7-point Gauss and 15-point Kronrod pair used by the adaptive integrator. */
    static final GaussKronrodRule G7_K15 = compute(7);

    /** The number of nodes of the Kronrod rule. */
    int size() {
        return nodes.length;
    }

    /** Computes the pair whose Gauss part has {@code n} nodes. */
    static GaussKronrodRule compute(int n) {
        double[][] gauss = gaussLegendre(n);
        double[] stieltjes = stieltjesCoefficients(n);
        double[] kronrodOnly = stieltjesZeros(n, stieltjes, gauss[0]);
        double[] nodes = merge(gauss[0], kronrodOnly);
        double[] kronrodWeights = weightsExactOnLegendre(nodes);
        double[] gaussWeights = new double[nodes.length];
        for (int i = 0; i < n; i++) {
            gaussWeights[2 * i + 1] = gauss[1][i];
        }
        return new GaussKronrodRule(nodes, kronrodWeights, gaussWeights);
    }

    /** The n Gauss–Legendre nodes (increasing) and weights, by Newton's method on P_n. */
    static double[][] gaussLegendre(int n) {
        double[] nodes = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            double x = -Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            for (int iteration = 0; iteration < 100; iteration++) {
                double[] p = legendreWithDerivative(n, x);
                double step = p[0] / p[1];
                x -= step;
                if (Math.abs(step) < 1e-17) {
                    break;
                }
            }
            double derivative = legendreWithDerivative(n, x)[1];
            nodes[i] = x;
            weights[i] = 2 / ((1 - x * x) * derivative * derivative);
        }
        if (n % 2 == 1) {
            nodes[n / 2] = 0; // exact symmetry: the middle node of an odd rule is 0
        }
        return new double[][] {nodes, weights};
    }

    /** P_n(x) and P_n'(x) by the three-term recurrence. */
    static double[] legendreWithDerivative(int n, double x) {
        double previous = 1;
        double current = x;
        if (n == 0) {
            return new double[] {1, 0};
        }
        for (int k = 2; k <= n; k++) {
            double next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
            previous = current;
            current = next;
        }
        double derivative = n * (x * current - previous) / (x * x - 1);
        return new double[] {current, derivative};
    }

    /** P_0(x) ... P_degree(x). */
    static double[] legendreAll(int degree, double x) {
        double[] p = new double[degree + 1];
        p[0] = 1;
        if (degree > 0) {
            p[1] = x;
        }
        for (int k = 2; k <= degree; k++) {
            p[k] = ((2 * k - 1) * x * p[k - 1] - (k - 1) * p[k - 2]) / k;
        }
        return p;
    }

    /**
     * The coefficients c_k of E_{n+1} = P_{n+1} + sum c_k P_k (k = n-1, n-3, ...), from the orthogonality conditions
     * integral E_{n+1} P_n P_j = 0 for j = 1, 3, 5, ... up to n (the other j hold by parity).
     */
    private static double[] stieltjesCoefficients(int n) {
        int unknowns = (n + 1) / 2;
        double[][] quadrature = gaussLegendre(2 * n + 2);
        double[][] matrix = new double[unknowns][unknowns];
        double[] rhs = new double[unknowns];
        for (int q = 0; q < quadrature[0].length; q++) {
            double[] p = legendreAll(n + 1, quadrature[0][q]);
            double weight = quadrature[1][q] * p[n];
            for (int row = 0; row < unknowns; row++) {
                int j = 2 * row + 1;
                rhs[row] -= weight * p[n + 1] * p[j];
                for (int col = 0; col < unknowns; col++) {
                    matrix[row][col] += weight * p[n - 1 - 2 * col] * p[j];
                }
            }
        }
        double[] solution = LinearSolve.solve(matrix, rhs);
        double[] coefficients = new double[n + 2];
        coefficients[n + 1] = 1;
        for (int col = 0; col < unknowns; col++) {
            coefficients[n - 1 - 2 * col] = solution[col];
        }
        return coefficients;
    }

    private static double stieltjes(double[] coefficients, double x) {
        double[] p = legendreAll(coefficients.length - 1, x);
        double sum = 0;
        for (int k = 0; k < coefficients.length; k++) {
            sum += coefficients[k] * p[k];
        }
        return sum;
    }

    /** The n+1 zeros of E_{n+1}; they interlace with the Gauss nodes, so bisection between them finds each. */
    private static double[] stieltjesZeros(int n, double[] coefficients, double[] gaussNodes) {
        double[] zeros = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            double low = i == 0 ? -1 : gaussNodes[i - 1];
            double high = i == n ? 1 : gaussNodes[i];
            double lowValue = stieltjes(coefficients, low);
            for (int iteration = 0;
                    iteration < 200 && high - low > Math.ulp(Math.abs(low) + Math.abs(high));
                    iteration++) {
                double middle = 0.5 * (low + high);
                double value = stieltjes(coefficients, middle);
                if ((value < 0) == (lowValue < 0)) {
                    low = middle;
                    lowValue = value;
                } else {
                    high = middle;
                }
            }
            zeros[i] = 0.5 * (low + high);
        }
        // Symmetric rules: snap the middle zero of an odd-degree polynomial to exactly 0.
        if (n % 2 == 0) {
            zeros[n / 2] = 0;
        }
        return zeros;
    }

    private static double[] merge(double[] gaussNodes, double[] kronrodOnly) {
        double[] nodes = new double[gaussNodes.length + kronrodOnly.length];
        for (int i = 0; i < kronrodOnly.length; i++) {
            nodes[2 * i] = kronrodOnly[i];
            if (i < gaussNodes.length) {
                nodes[2 * i + 1] = gaussNodes[i];
            }
        }
        return nodes;
    }

    /** The weights that integrate P_0 ... P_{m-1} exactly at the m given nodes. */
    private static double[] weightsExactOnLegendre(double[] nodes) {
        int m = nodes.length;
        double[][] matrix = new double[m][m];
        for (int col = 0; col < m; col++) {
            double[] p = legendreAll(m - 1, nodes[col]);
            for (int row = 0; row < m; row++) {
                matrix[row][col] = p[row];
            }
        }
        double[] rhs = new double[m];
        rhs[0] = 2;
        return LinearSolve.solve(matrix, rhs);
    }
}

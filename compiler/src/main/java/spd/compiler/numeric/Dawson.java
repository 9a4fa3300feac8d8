package spd.compiler.numeric;

/**
 * Dawson's integral D(x) = exp(-x²) ∫_0^x exp(t²) dt, to about 1e-15 relative error on the whole real line.
 *
 * <p>Three regions, each from its own mathematics:
 * <ul>
 *   <li>|x| &lt; 1/2: the Maclaurin series D(x) = Σ_k (-2)^k x^(2k+1) / (2k+1)!!, which converges quickly there
 *       and loses no digits to cancellation;</li>
 *   <li>1/2 ≤ |x| &lt; 50: Rybicki's sampling theorem, D(x) = lim_{h→0} π^(-1/2) Σ_{n odd} exp(-(x - nh)²)/n.
 *       With h = 1/5 the discretisation error is of order exp(-(π/2h)²) ≈ 1e-27. The sum is centred on the odd n
 *       nearest x/h, so that with x = n₀h + ξ each term is exp(-ξ²)·E^j·exp(-4h²j²)/(n₀ + 2j), E = exp(4ξh):
 *       two exponentials per evaluation;</li>
 *   <li>|x| ≥ 50: the asymptotic series D(x) ~ (1/2x) Σ_k (2k-1)!!/(2x²)^k, whose tenth term is below 1e-25.</li>
 * </ul>
 */
public final class Dawson {

    private static final double SERIES_LIMIT = 0.5;
    private static final double ASYMPTOTIC_LIMIT = 50;
    private static final int SERIES_TERMS = 16;
    private static final int ASYMPTOTIC_TERMS = 9;
    /** Rybicki's sampling step. */
    private static final double H = 0.2;
    /** Half-width of Rybicki's sum: exp(-4h²(J² - J)) < 1e-19 for |ξ| ≤ h. */
    private static final int J = 18;

    private static final double INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
    /** (-2)^k / (2k+1)!!, the Maclaurin coefficients of D(x)/x in powers of x². */
    private static final double[] SERIES = seriesCoefficients();
    /** exp(-4h²j²), j = 0 ... J. */
    private static final double[] GAUSSIAN = gaussianFactors();

    private Dawson() {}

    /** D(x). */
    public static double value(double x) {
        double magnitude = Math.abs(x);
        if (magnitude < SERIES_LIMIT) {
            return x * series(x * x);
        }
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double positive = magnitude < ASYMPTOTIC_LIMIT ? rybicki(magnitude) : asymptotic(magnitude);
        return Math.copySign(positive, x);
    }

    /** D(x)/x, with its limit 1 at x = 0 (an even function, smooth at 0). */
    public static double overX(double x) {
        double magnitude = Math.abs(x);
        if (magnitude < SERIES_LIMIT) {
            return series(x * x);
        }
        return value(magnitude) / magnitude;
    }

    /** Σ_k SERIES[k] y^k by Horner's rule. */
    private static double series(double y) {
        double sum = 0;
        for (int k = SERIES_TERMS - 1; k >= 0; k--) {
            sum = sum * y + SERIES[k];
        }
        return sum;
    }

    private static double rybicki(double x) {
        long n0 = 2 * Math.round((x / H - 1) / 2) + 1;
        double xi = x - n0 * H;
        double up = Math.exp(4 * xi * H);
        double down = 1 / up;
        double sum = GAUSSIAN[0] / n0;
        double powerUp = 1;
        double powerDown = 1;
        for (int j = 1; j <= J; j++) {
            powerUp *= up;
            powerDown *= down;
            sum += GAUSSIAN[j] * (powerUp / (n0 + 2 * j) + powerDown / (n0 - 2 * j));
        }
        return INV_SQRT_PI * Math.exp(-xi * xi) * sum;
    }

    private static double asymptotic(double x) {
        double inverse = 1 / (2 * x * x);
        double term = 1;
        double sum = 1;
        for (int k = 1; k < ASYMPTOTIC_TERMS; k++) {
            term *= (2 * k - 1) * inverse;
            sum += term;
        }
        return sum / (2 * x);
    }

    private static double[] seriesCoefficients() {
        double[] coefficients = new double[SERIES_TERMS];
        coefficients[0] = 1;
        for (int k = 1; k < SERIES_TERMS; k++) {
            coefficients[k] = coefficients[k - 1] * -2 / (2 * k + 1);
        }
        return coefficients;
    }

    private static double[] gaussianFactors() {
        double[] factors = new double[J + 1];
        for (int j = 0; j <= J; j++) {
            factors[j] = Math.exp(-4 * H * H * j * j);
        }
        return factors;
    }
}

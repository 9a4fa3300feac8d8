package spd.compiler.numeric;

/**
 * The effective penalty of variational dropout (theory §3 rows 9–10, §3.2, §6.2): a Gaussian mask with variance
 * alpha^VD = lambda/(s·η) and a per-weight cost of KL(alpha^VD), so that f(η) = 2 KL(lambda/(s η)) + const.
 *
 * <p>Two duals at lambda = s = 1, both with f(0+) = 0:
 * <ul>
 *   <li>exact (log-uniform prior): f'(η) = D(x)/x with x = sqrt(η/2), D Dawson's function; substituting
 *       u = 2v² in f(η) = ∫_0^η f'(u) du gives f(η) = 4 ∫_0^x D(v) dv, a smooth integral;</li>
 *   <li>the approximate KL of Molchanov et al. (2017):
 *       f(η) = 2[k1·sigmoid(k3 ln η - k2) + ½ ln(1 + η)], k1 = 0.63576, k2 = 1.87320, k3 = 1.48695.</li>
 * </ul>
 * For general lambda and data factor s the penalty scales as lambda·Omega(w) = lambda·Omega_1(|w| sqrt(s/lambda)),
 * with η̂(w) = (lambda/s) η̂_1(|w| sqrt(s/lambda)); an instance holds one choice of dual, lambda and s, and its
 * {@link #omega} is Omega (the total penalty is lambda times it).
 */
public final class VariationalDropout {

    /** Molchanov et al.'s constants of the approximate KL. */
    public static final double K1 = 0.63576;

    public static final double K2 = 1.87320;
    public static final double K3 = 1.48695;

    /** Beyond this x = sqrt(η/2) the integral of D is split and its far part taken in ln v. */
    private static final double NEAR_FAR_SPLIT = 4;

    private final DualDefinedRule unitRule;
    private final double lambda;
    private final double dataFactor;

    private VariationalDropout(Dual unitDual, double lambda, double dataFactor, Tolerance tolerance) {
        if (!(lambda > 0) || !(dataFactor > 0) || !Double.isFinite(lambda) || !Double.isFinite(dataFactor)) {
            throw new IllegalArgumentException(
                    "variational dropout needs lambda > 0 and s > 0, got lambda = " + lambda + ", s = " + dataFactor);
        }
        this.unitRule = new DualDefinedRule(unitDual, tolerance);
        this.lambda = lambda;
        this.dataFactor = dataFactor;
    }

    /** Exact-KL variational dropout with these lambda and s. */
    public static VariationalDropout exact(double lambda, double dataFactor, Tolerance tolerance) {
        return new VariationalDropout(exactDual(tolerance), lambda, dataFactor, tolerance);
    }

    /** Approximate-KL variational dropout with these lambda and s. */
    public static VariationalDropout approximate(double lambda, double dataFactor, Tolerance tolerance) {
        return new VariationalDropout(approximateDual(), lambda, dataFactor, tolerance);
    }

    /** The exact dual at lambda = s = 1: f(η) = 4 ∫_0^sqrt(η/2) D(v) dv, f'(η) = D(x)/x. */
    public static Dual exactDual(Tolerance tolerance) {
        return new Dual() {
            @Override
            public Estimate value(double eta) {
                return integralOfDawson(Math.sqrt(0.5 * eta), tolerance).times(4);
            }

            @Override
            public double derivative(double eta) {
                return Dawson.overX(Math.sqrt(0.5 * eta));
            }
        };
    }

    /** The approximate-KL dual at lambda = s = 1, in closed form. */
    public static Dual approximateDual() {
        return Dual.closedForm(eta -> 2 * (K1 * sigmoid(K3 * Math.log(eta) - K2) + 0.5 * Math.log1p(eta)), eta -> {
            double s = sigmoid(K3 * Math.log(eta) - K2);
            return 2 * K1 * K3 * s * (1 - s) / eta + 1 / (1 + eta);
        });
    }

    /**
     * ∫_0^x D(v) dv: Gauss–Kronrod on the part below NEAR_FAR_SPLIT, where D has its hump, and in the variable
     * ln v beyond, where D(v)·v tends smoothly to ½.
     */
    static Estimate integralOfDawson(double x, Tolerance tolerance) {
        double split = Math.min(NEAR_FAR_SPLIT, x);
        Estimate near =
                Quadrature.integrateSmooth(Dawson::value, 0, split, tolerance).toEstimate();
        if (split == x) {
            return near;
        }
        Estimate far = Quadrature.integrateSmooth(
                        u -> {
                            double v = Math.exp(u);
                            return Dawson.value(v) * v;
                        },
                        Math.log(split),
                        Math.log(x),
                        tolerance)
                .toEstimate();
        return near.plus(far);
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** The argument of the lambda = s = 1 penalty: |w|·sqrt(s/lambda). */
    private double unitWeight(double w) {
        return Math.abs(w) * Math.sqrt(dataFactor / lambda);
    }

    /** Omega(w) (the total penalty is lambda·Omega). */
    public Estimate omega(double w) {
        return unitRule.omega(unitWeight(w));
    }

    /** Omega at many points (sorted and warm-started internally; results in input order). */
    public Estimate[] omega(double[] ws) {
        double[] unit = new double[ws.length];
        for (int i = 0; i < ws.length; i++) {
            unit[i] = unitWeight(ws[i]);
        }
        return unitRule.omega(unit);
    }

    /** The optimal reweighting η̂(w) = (lambda/s)·η̂_1(|w| sqrt(s/lambda)). */
    public Estimate etaHat(double w) {
        return unitRule.etaHat(unitWeight(w)).times(lambda / dataFactor);
    }

    /** The variance of the Gaussian mask at w, alpha^VD = lambda/(s·η̂) = 1/η̂_1. */
    public Estimate alphaVd(double w) {
        Estimate unitEta = unitRule.etaHat(unitWeight(w));
        double alpha = 1 / unitEta.value();
        return new Estimate(alpha, alpha * unitEta.relativeError(), unitEta.outcome(), unitEta.message());
    }

    /** The equivalent Bernoulli keep probability 1/(1 + alpha^VD) = η̂_1/(η̂_1 + 1) (theory §1.1). */
    public Estimate keepProbability(double w) {
        Estimate unitEta = unitRule.etaHat(unitWeight(w));
        double eta = unitEta.value();
        double keep = eta / (eta + 1);
        return new Estimate(keep, unitEta.error() / ((eta + 1) * (eta + 1)), unitEta.outcome(), unitEta.message());
    }

    /** The dual f(η) = f_1(s·η/lambda). */
    public Estimate dual(double eta) {
        return unitRule.dual().value(dataFactor * eta / lambda);
    }

    /** ŵ(η), the weight at which η is optimal: sqrt(lambda/s)·ŵ_1(s·η/lambda). */
    public double wHat(double eta) {
        return Math.sqrt(lambda / dataFactor) * unitRule.wHat(dataFactor * eta / lambda);
    }

    /** The rule at lambda = s = 1, for cross-checks and vectorised use. */
    public DualDefinedRule unitRule() {
        return unitRule;
    }
}

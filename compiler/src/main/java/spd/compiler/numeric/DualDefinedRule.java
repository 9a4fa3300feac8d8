package spd.compiler.numeric;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;

/**
 * The adaptive rule and effective penalty of a dual f (theory §2.2): the stationarity condition w² = η² f'(η)
 * gives ŵ(η) = η·sqrt(f'(η)), its inverse is the rule η̂(w), and Omega(w) = ½[w²/η̂ + f(η̂)].
 *
 * <p>ŵ must be increasing (the theorem's monotone case); η̂(w) is then found by Brent's method in ln η. Because
 * η̂ minimises w²/η + f(η), an error δη in it changes Omega only at second order; the reported error still adds
 * the first-order bound |f'(η̂) - w²/η̂²|·δη/2 (zero at the exact root) to half the error of f(η̂).
 */
public final class DualDefinedRule {

    private final Dual dual;
    private final Tolerance tolerance;

    /** A rule for this dual; {@code tolerance} applies to η̂ (relative) and to f (quadrature). */
    public DualDefinedRule(Dual dual, Tolerance tolerance) {
        this.dual = dual;
        this.tolerance = tolerance;
    }

    /** The dual this rule was built from. */
    public Dual dual() {
        return dual;
    }

    /** ŵ(η) = η·sqrt(f'(η)), the weight magnitude at which η is the optimal reweighting. */
    public double wHat(double eta) {
        return eta * Math.sqrt(dual.derivative(eta));
    }

    /** η̂(|w|), the optimal reweighting at w (0 at w = 0), with its error. */
    public Estimate etaHat(double w) {
        return etaHatNear(Math.abs(w), Math.abs(w), 2);
    }

    /** η̂ as a plain function of w, for quadrature ({@link NumericPenalty}); NaN where the root search fails. */
    public DoubleUnaryOperator etaHatFunction() {
        return w -> {
            Estimate eta = etaHat(w);
            return eta.converged() ? eta.value() : Double.NaN;
        };
    }

    /** Omega(w) = ½[w²/η̂ + f(η̂)], with its error. */
    public Estimate omega(double w) {
        double magnitude = Math.abs(w);
        return omegaAt(magnitude, etaHatNear(magnitude, magnitude, 2));
    }

    /**
     * Omega at many points at once: the points are visited in increasing |w| and each root search starts next to
     * the previous η̂ (η̂ is nondecreasing), which makes the brackets tight. Results are in the input order.
     */
    public Estimate[] omega(double[] ws) {
        Integer[] order = IntStream.range(0, ws.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> Math.abs(ws[i])));
        Estimate[] result = new Estimate[ws.length];
        double previousW = 0;
        double previousEta = 0;
        for (int i : order) {
            double w = Math.abs(ws[i]);
            // Warm start: scale the previous root by the ratio of the points (exact for η̂ ∝ w), bracket by 10%.
            double guess = previousEta > 0 ? previousEta * (w / previousW) : w;
            Estimate eta = etaHatNear(w, guess, previousEta > 0 ? 1.1 : 2);
            result[i] = omegaAt(w, eta);
            if (eta.converged() && eta.value() > 0) {
                previousW = w;
                previousEta = eta.value();
            }
        }
        return result;
    }

    /** Omega(w) = ∫_0^|w| t/η̂(t) dt, the other route to the same number (theory §2.2), for cross-checks. */
    public Estimate omegaByIntegral(double w) {
        return Quadrature.integrate(t -> t / etaHatNear(t, t, 2).value(), 0, Math.abs(w), tolerance)
                .toEstimate();
    }

    private Estimate omegaAt(double w, Estimate eta) {
        if (w == 0) {
            return Estimate.exact(0);
        }
        if (!eta.converged()) {
            return new Estimate(
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    eta.outcome(),
                    "no optimal reweighting at w = " + w + ": " + eta.message());
        }
        double etaHat = eta.value();
        Estimate f = dual.value(etaHat);
        double firstOrder = Math.abs(dual.derivative(etaHat) - w * w / (etaHat * etaHat)) * eta.error();
        double value = 0.5 * (w * w / etaHat + f.value());
        double error = 0.5 * (f.error() + firstOrder) + 2 * Math.ulp(value);
        return new Estimate(value, error, f.outcome(), f.converged() ? "" : "f(η̂) at w = " + w + ": " + f.message());
    }

    private Estimate etaHatNear(double w, double guess, double step) {
        if (w == 0) {
            return Estimate.exact(0);
        }
        if (!Double.isFinite(w)) {
            return new Estimate(Double.NaN, Double.POSITIVE_INFINITY, Outcome.NON_FINITE, "w is " + w);
        }
        double logW = Math.log(w);
        Root root = Roots.onPositiveAxis(eta -> Math.log(wHat(eta)) - logW, guess, step, tolerance);
        if (root.outcome() == Outcome.NO_SOLUTION) {
            return new Estimate(
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    Outcome.NO_SOLUTION,
                    "ŵ(η) = η·sqrt(f'(η)) never reaches " + w + " (" + root.message() + ")");
        }
        return root.toEstimate();
    }
}

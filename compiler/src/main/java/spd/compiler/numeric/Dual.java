package spd.compiler.numeric;

import java.util.function.DoubleUnaryOperator;

/**
 * A dual (mask-cost) function f(η) on η &gt; 0, normalised by f(0+) = 0, together with its derivative: the input
 * of {@link DualDefinedRule}. Theory §2: Omega(w) = ½ min_η [w²/η + f(η)].
 */
public interface Dual {

    /** f(η) with its estimated error. */
    Estimate value(double eta);

    /** f'(η), which must be positive for the stationarity condition w² = η² f'(η) to define η̂. */
    double derivative(double eta);

    /** A dual known in closed form; its values are exact up to rounding. */
    static Dual closedForm(DoubleUnaryOperator f, DoubleUnaryOperator derivative) {
        return new Dual() {
            @Override
            public Estimate value(double eta) {
                double value = f.applyAsDouble(eta);
                return Estimate.exact(value);
            }

            @Override
            public double derivative(double eta) {
                return derivative.applyAsDouble(eta);
            }
        };
    }

    /**
     * A dual given only by its derivative: f(η) = ∫_0^η f'(u) du by quadrature (robust to an integrable
     * singularity of f' at 0, such as η^(q-1); a non-integrable one makes every value divergent).
     */
    static Dual fromDerivative(DoubleUnaryOperator derivative, Tolerance tolerance) {
        return new Dual() {
            @Override
            public Estimate value(double eta) {
                return Quadrature.integrate(derivative, 0, eta, tolerance).toEstimate();
            }

            @Override
            public double derivative(double eta) {
                return derivative.applyAsDouble(eta);
            }
        };
    }
}

package spd.compiler.penalty;

import spd.compiler.numeric.Estimate;

/** Numeric evaluation of a derived penalty and its companions at the input's constant values. */
public interface PenaltyFunctions {

    /** Omega(w), with its error estimate (exact up to rounding for closed forms). */
    Estimate omega(double w);

    /** Omega at many points; implementations may share work between nearby points. */
    default Estimate[] omega(double[] ws) {
        Estimate[] result = new Estimate[ws.length];
        for (int i = 0; i < ws.length; i++) {
            result[i] = omega(ws[i]);
        }
        return result;
    }

    /** The adaptive reweighting eta_hat(w); +inf means keep probability 1, NaN means unknown. */
    double etaHat(double w);

    /** The keep probability at w (at the input's lambda): eta_hat/(eta_hat + lambda), or the mask's own rule. */
    double keep(double w);

    /** The dual f(eta), normalised by f(0+) = 0. */
    Estimate dual(double eta);
}

package spd.runtime.duality;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a generated experiment on linear data declares so that {@code spd run} can check the duality
 * theorem live: its adaptive rule eta_hat and the strength lambda of the penalty that rule implies.
 */
public interface LinearDuality {
    /** The adaptive reweighting eta_hat(W), element-wise; must not modify {@code w}. */
    INDArray etaHat(INDArray w);

    /** The regularization strength of the penalty lambda * Omega(w). */
    double lambda();

    /**
     * The data factor s_i of the penalty the rule implies: a noise mask (Bernoulli, Gaussian) on the weights of
     * a linear model adds sum_i v_i s_i w_i^2 with s_i = (X^T X)_ii / n to the expected loss; an explicit
     * penalty, Tikhonov term or prox has s_i = 1.
     */
    default DataFactor dataFactor() {
        return DataFactor.UNIT;
    }
}

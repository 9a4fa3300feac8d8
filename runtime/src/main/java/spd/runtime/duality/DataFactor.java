package spd.runtime.duality;

/**
 * The data factor s_i of the dropout Tikhonov term (theory.md 1.2 and 1.3): a mask on weight i costs (lambda/2)
 * s_i w_i^2/eta_i in expectation, so adaptive dropout's fixed points solve L + lambda sum s_i Omega(w_i).
 */
public enum DataFactor {
    /** s_i = 1: the theory's convention and the classical penalty lambda sum Omega(w_i). */
    UNIT,
    /**
     * s_i = (X^T X)_ii / n: what scaled-Bernoulli DropConnect on this data induces under the trainer's mean
     * squared loss (about 1 for standardized features, off by O(1/sqrt(n)) per column).
     */
    COLUMN_MEAN_SQUARE
}

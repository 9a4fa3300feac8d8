package spd.runtime.reg;

/** Which step size the adaptive proximal rule divides lambda by. */
public enum ProxScale {
    /** The scheduled learning rate lr: keep = eta/(eta + lr * lambda). */
    PLAIN,
    /**
     * The optimizer's per-element step lr/(sqrt(v_hat) + eps) (Adam; lr for SGD): keep = eta/(eta +
     * (lr/(sqrt(v_hat) + eps)) * lambda). Adam's own eps keeps the step finite where v_hat = 0, where the
     * reference code divides by zero and zeroes the weight.
     */
    OPTIMIZER
}

package spd.runtime.nn;

/** The training loss of a network. */
public enum LossKind {
    /** Softmax cross-entropy on the logits, averaged over the batch. */
    CROSS_ENTROPY,
    /** Half the squared error summed over outputs, averaged over the batch: (1/2B) sum ||y - yhat||^2. */
    SQUARED
}

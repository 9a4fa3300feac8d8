package spd.runtime;

/**
 * What a class generated from an {@code .spd} file implements: it declares its experiment; the runtime owns
 * the training loop and calls back into the element-wise rules the class supplies.
 */
public interface SpdExperiment {
    /** The experiment this class declares. */
    Experiment experiment();
}

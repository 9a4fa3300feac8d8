package spd.runtime.nn;

/** The activation after a dense layer. */
public enum Activation {
    /** max(x, 0). */
    RELU,
    /** The identity (the last layer, whose outputs the loss reads). */
    NONE
}

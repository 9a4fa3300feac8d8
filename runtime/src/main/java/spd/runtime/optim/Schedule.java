package spd.runtime.optim;

/** How the learning rate changes from epoch to epoch. */
public enum Schedule {
    /** The base rate throughout. */
    CONSTANT,
    /** lr * (1 - epoch/epochs) for the 0-based epoch, as PyTorch's LambdaLR stepped once per epoch. */
    LINEAR_DECAY;

    /** The learning rate for a 0-based epoch. */
    public double rate(double baseRate, int epoch, int epochs) {
        return switch (this) {
            case CONSTANT -> baseRate;
            case LINEAR_DECAY -> baseRate * (1.0 - (double) epoch / epochs);
        };
    }
}

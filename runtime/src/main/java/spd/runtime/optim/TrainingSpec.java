package spd.runtime.optim;

/**
 * A declared training schedule: optimizer, number of epochs, batch size, learning-rate schedule and the seed
 * from which every random stream of the run is derived. Built fluently:
 * {@code TrainingSpec.adam(1e-3).epochs(200).batch(128).schedule(LINEAR_DECAY).seed(42)}.
 */
public record TrainingSpec(OptimizerSpec optimizer, int epochs, int batch, Schedule schedule, long seed) {
    /** Checks the counts. */
    public TrainingSpec {
        if (epochs <= 0 || batch <= 0) {
            throw new IllegalArgumentException(
                    "training needs epochs > 0 and batch > 0, got epochs=" + epochs + " batch=" + batch);
        }
    }

    /** Adam with PyTorch defaults; 1 epoch, batch 128, constant rate, seed 0 until set. */
    public static TrainingSpec adam(double lr) {
        return of(OptimizerSpec.adam(lr));
    }

    /** Plain SGD; 1 epoch, batch 128, constant rate, seed 0 until set. */
    public static TrainingSpec sgd(double lr) {
        return of(OptimizerSpec.sgd(lr));
    }

    /** A training spec for any optimizer; 1 epoch, batch 128, constant rate, seed 0 until set. */
    public static TrainingSpec of(OptimizerSpec optimizer) {
        return new TrainingSpec(optimizer, 1, 128, Schedule.CONSTANT, 0);
    }

    /** Sets the optimizer, keeping the rest. */
    public TrainingSpec optimizer(OptimizerSpec value) {
        return new TrainingSpec(value, epochs, batch, schedule, seed);
    }

    /** Sets the number of epochs. */
    public TrainingSpec epochs(int value) {
        return new TrainingSpec(optimizer, value, batch, schedule, seed);
    }

    /** Sets the batch size. */
    public TrainingSpec batch(int value) {
        return new TrainingSpec(optimizer, epochs, value, schedule, seed);
    }

    /** Sets the learning-rate schedule. */
    public TrainingSpec schedule(Schedule value) {
        return new TrainingSpec(optimizer, epochs, batch, value, seed);
    }

    /** Sets the seed. */
    public TrainingSpec seed(long value) {
        return new TrainingSpec(optimizer, epochs, batch, schedule, value);
    }

    /** The learning rate of a 0-based epoch. */
    public double learningRate(int epoch) {
        return schedule.rate(optimizer.lr(), epoch, epochs);
    }
}

package spd.runtime.data;

import java.nio.file.Path;
import java.util.function.Function;

/** Which data an experiment trains on; {@link DataLoader} turns a spec into a {@link Dataset}. */
public sealed interface DataSpec {

  /**
   * What the data looks like (feature shape, classes or regression outputs), read from file headers where
   * there are files, without loading the data; throws a {@link spd.runtime.base.RunException} naming a file that
   * is missing or malformed.
   */
  DataDescription describe();

  /**
   * MNIST from idx files: the 60,000 training images split into train and validation by a seeded
   * permutation, and the 10,000 test images; pixels normalised with mean 0.1307 and std 0.3081.
   *
   * @param validationFraction the fraction of the training images held out for validation (0.2 gives
   *     48,000/12,000)
   * @param splitSeed the seed of the train/validation permutation
   */
  record Mnist(double validationFraction, long splitSeed) implements DataSpec {
    /** One example: a 28x28 grey image (one channel); ten classes. */
    public static final DataDescription DESCRIPTION =
        DataDescription.classification(java.util.List.of(1, 28, 28), 10);

    /** Checks the fraction. */
    public Mnist {
      if (!(validationFraction >= 0 && validationFraction < 1)) {
        throw new IllegalArgumentException(
            "validation fraction must be in [0, 1), got " + validationFraction);
      }
    }

    /** 28x28 grey images of ten digits. */
    @Override
    public DataDescription describe() {
      return DESCRIPTION;
    }
  }

  /**
   * A seeded synthetic linear regression: Gaussian design X (n x d, entries N(0, 1)), a true weight vector
   * with {@code support} nonzero entries N(0, 1) at random positions, and y = X w + noise * N(0, 1). The test
   * split is n fresh rows from the same model; there is no validation split.
   */
  record Linear(int n, int d, int support, double noise, long seed) implements DataSpec {
    /** Checks the sizes. */
    public Linear {
      if (n <= 0 || d <= 0 || support < 0 || support > d || noise < 0) {
        throw new IllegalArgumentException(
            "linear data needs n > 0, d > 0, 0 <= support <= d and noise >= 0; got n=%d d=%d support=%d noise=%s"
                .formatted(n, d, support, noise));
      }
    }

    /** d features, one real target. */
    @Override
    public DataDescription describe() {
      return DataDescription.regression(java.util.List.of(d), 1);
    }
  }

  /** Data supplied by code, e.g. a small in-memory set in a test; the function receives the data directory. */
  record Provided(String description, Function<Path, Dataset> loader) implements DataSpec {
    /** Loads the data (without a data directory) to describe it: provided data has no headers to read. */
    @Override
    public DataDescription describe() {
      return loader.apply(null).describe();
    }
  }

  /** MNIST with the given validation fraction and the paper's split seed 42. */
  static Mnist mnist(double validationFraction) {
    return new Mnist(validationFraction, 42);
  }

  /** A seeded synthetic linear regression. */
  static Linear linear(int n, int d, int support, double noise, long seed) {
    return new Linear(n, d, support, noise, seed);
  }

  /** Data supplied by code. */
  static Provided provided(String description, Function<Path, Dataset> loader) {
    return new Provided(description, loader);
  }
}

package spd.runtime.data;

import java.nio.file.Path;
import java.util.Optional;
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
     * The user's files this data is read from (absolute paths, for the manifest's checksums); empty for
     * generated data and for MNIST and Fashion-MNIST, whose directory is resolved when loading and whose files
     * are verified by their known checksums.
     */
    default java.util.List<Path> dataFiles() {
        return switch (this) {
            case Idx idx -> idx.files().all();
            case Npz npz ->
                java.util.stream.Stream.of(npz.train().file(), npz.test().file())
                        .distinct()
                        .toList();
            case Csv csv ->
                java.util.stream.Stream.of(csv.train(), csv.test()).distinct().toList();
            case Mnist mnist -> java.util.List.of();
            case FashionMnist fashion -> java.util.List.of();
            case Linear linear -> java.util.List.of();
            case Provided provided -> java.util.List.of();
        };
    }

    /**
     * MNIST from idx files: the 60,000 training images split into train and validation by a seeded
     * permutation, and the 10,000 test images; pixels normalised with mean 0.1307 and std 0.3081.
     *
     * @param validationFraction the fraction of the training images held out for validation (0.2 gives
     *     48,000/12,000)
     * @param splitSeed the seed of the train/validation permutation
     * @param directory the directory of the idx files the experiment names ({@code dir "..."}), if it names one; it
     *     wins over the command line's {@code --data}, as Fashion-MNIST's does
     */
    record Mnist(double validationFraction, long splitSeed, Optional<Path> directory) implements DataSpec {
        /** One example: a 28x28 grey image (one channel); ten classes. */
        public static final DataDescription DESCRIPTION =
                DataDescription.classification(java.util.List.of(1, 28, 28), 10);

        /** Checks the fraction. */
        public Mnist {
            if (!(validationFraction >= 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
            }
            java.util.Objects.requireNonNull(directory, "directory");
        }

        /** MNIST from the data directory of the command line or the environment. */
        public Mnist(double validationFraction, long splitSeed) {
            this(validationFraction, splitSeed, Optional.empty());
        }

        /** As before directories could be named, so that manifests of runs without one read as they did. */
        @Override
        public String toString() {
            return "Mnist[validationFraction=" + validationFraction + ", splitSeed=" + splitSeed
                    + directory.map(d -> ", directory=" + d).orElse("") + "]";
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

    /**
     * Fashion-MNIST from its four idx files, in the same layout and split as MNIST, normalised with its own
     * training images' mean and standard deviation ({@link KnownIdxSet#FASHION_MNIST}).
     *
     * @param validationFraction the fraction of the training images held out for validation
     * @param splitSeed the seed of the train/validation permutation
     * @param directory the directory of the files, when the data block names one
     */
    record FashionMnist(double validationFraction, long splitSeed, Optional<Path> directory) implements DataSpec {
        /** Checks the fraction. */
        public FashionMnist {
            checkFraction(validationFraction);
        }

        /** The same shape as MNIST: 28x28 grey images, ten classes. */
        @Override
        public DataDescription describe() {
            return DataSpec.Mnist.DESCRIPTION;
        }

        /** The files from {@code dir}. */
        public FashionMnist inDirectory(Path dir) {
            return new FashionMnist(validationFraction, splitSeed, Optional.of(dir));
        }
    }

    /**
     * Any classification data set in idx layout (Fashion-MNIST, KMNIST, EMNIST, ...), raw or gzip.
     *
     * @param files the four files
     * @param validationFraction the fraction of the training images held out for validation
     * @param splitSeed the seed of the train/validation permutation
     * @param classes the number of classes, or 0 for one more than the largest label
     * @param normalization the pixel mean and std, or empty for those of the training images
     */
    record Idx(
            IdxDataset.Files files,
            double validationFraction,
            long splitSeed,
            int classes,
            Optional<IdxDataset.Normalization> normalization)
            implements DataSpec {
        /** Checks the fraction and the classes. */
        public Idx {
            checkFraction(validationFraction);
            if (classes < 0 || classes == 1) {
                throw new IllegalArgumentException("classes must be at least 2, got " + classes);
            }
        }

        /** Reads the headers and the labels. */
        @Override
        public DataDescription describe() {
            return IdxDataset.describe(files, classes);
        }

        /** The same data with a declared number of classes. */
        public Idx withClasses(int count) {
            return new Idx(files, validationFraction, splitSeed, count, normalization);
        }

        /** The same data normalised with fixed constants instead of the training images' statistics. */
        public Idx normalized(double mean, double std) {
            return new Idx(
                    files,
                    validationFraction,
                    splitSeed,
                    classes,
                    Optional.of(new IdxDataset.Normalization(mean, std)));
        }
    }

    /**
     * Arrays from NumPy {@code .npz} files: features ({@code n x ...}) and labels (integer classes when
     * {@code classes > 0}, else regression values, {@code n} or {@code n x k}).
     *
     * @param train the training file and its array names
     * @param test the test file and its array names
     * @param options the validation split, classes and standardisation
     */
    record Npz(NpzData.Arrays train, NpzData.Arrays test, TableOptions options) implements DataSpec {
        /** Reads the arrays' headers (and the labels, to check them against the classes). */
        @Override
        public DataDescription describe() {
            return NpzData.describe(this);
        }
    }

    /**
     * A CSV table with a header line (or none), one example per row: numeric feature columns and one label
     * column, an integer class when {@code classes > 0}, else a regression value.
     *
     * @param train the training file
     * @param test the test file
     * @param format the label column, header and delimiter
     * @param options the validation split, classes and standardisation
     */
    record Csv(Path train, Path test, CsvData.Format format, TableOptions options) implements DataSpec {
        /** Reads the header and first row of each file. */
        @Override
        public DataDescription describe() {
            return CsvData.describe(this);
        }
    }

    /**
     * How tabular data (npz, CSV) is split and prepared.
     *
     * @param validationFraction the fraction of the training rows held out for validation
     * @param splitSeed the seed of the train/validation permutation
     * @param classes the number of classes (labels are integers 0 to classes - 1), or 0 for regression
     * @param standardize whether every feature is shifted and scaled to mean 0 and std 1 with the training
     *     split's statistics
     */
    record TableOptions(double validationFraction, long splitSeed, int classes, boolean standardize) {
        /** Checks the fraction and the classes. */
        public TableOptions {
            checkFraction(validationFraction);
            if (classes < 0 || classes == 1) {
                throw new IllegalArgumentException("classes must be 0 (regression) or at least 2, got " + classes);
            }
        }

        /** Whether labels are classes. */
        public boolean isClassification() {
            return classes > 0;
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

    /** Fashion-MNIST with the given validation fraction and split seed 42 (as MNIST). */
    static FashionMnist fashionMnist(double validationFraction) {
        return new FashionMnist(validationFraction, 42, Optional.empty());
    }

    /** An idx data set; classes from the labels, normalisation from the training images, until set. */
    static Idx idx(IdxDataset.Files files, double validationFraction, long splitSeed) {
        return new Idx(files, validationFraction, splitSeed, 0, Optional.empty());
    }

    /** Tabular data from npz files. */
    static Npz npz(NpzData.Arrays train, NpzData.Arrays test, TableOptions options) {
        return new Npz(train, test, options);
    }

    /** Tabular data from CSV files. */
    static Csv csv(Path train, Path test, CsvData.Format format, TableOptions options) {
        return new Csv(train, test, format, options);
    }

    /** Checks a validation fraction. */
    private static void checkFraction(double validationFraction) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
    }

    /** MNIST with the given validation fraction and the paper's split seed 42. */
    static Mnist mnist(double validationFraction) {
        return new Mnist(validationFraction, 42);
    }

    /** MNIST with the given validation fraction and the paper's split seed 42, from the directory named. */
    static Mnist mnist(double validationFraction, String directory) {
        return new Mnist(validationFraction, 42, Optional.of(Path.of(directory)));
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

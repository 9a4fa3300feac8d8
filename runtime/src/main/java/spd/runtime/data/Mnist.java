package spd.runtime.data;

import java.nio.file.Path;
import java.util.List;
import spd.runtime.base.RunException;

/**
 * Loads MNIST from the four canonical idx files (raw or gzip) in a data directory, checks each file's SHA-256
 * (of the decoded content), normalises pixels with mean 0.1307 and std 0.3081, and splits the training images
 * into train and validation by a seeded permutation.
 */
public final class Mnist {
    /** The mean pixel value of MNIST's training set (on [0, 1]). */
    public static final double MEAN = 0.1307;
    /** The standard deviation of MNIST's training pixels (on [0, 1]). */
    public static final double STD = 0.3081;
    /** The command that fetches the files; messages name it. */
    public static final String FETCH_COMMAND = "scripts/fetch-mnist.sh";

    static final KnownIdxSet.FileSpec TRAIN_IMAGES = KnownIdxSet.MNIST.files().get(0);

    /** The four files, in the order they are read. */
    public static final List<String> FILE_NAMES =
            KnownIdxSet.MNIST.files().stream().map(KnownIdxSet.FileSpec::name).toList();

    private Mnist() {}

    /** Whether all four files exist (raw or .gz) in the directory; their content is not checked. */
    public static boolean isPresent(Path directory) {
        return KnownIdxSet.MNIST.isPresent(directory);
    }

    /** Loads and splits MNIST, or throws a {@link RunException} naming the missing or corrupt file and the fix. */
    public static Dataset load(DataDirectory directory, double validationFraction, long splitSeed) {
        return KnownIdxSet.MNIST.load(directory, validationFraction, splitSeed);
    }
}

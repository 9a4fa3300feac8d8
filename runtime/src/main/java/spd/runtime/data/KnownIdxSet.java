package spd.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import spd.runtime.base.RunException;

/**
 * A named data set in idx layout that spd knows by its files' checksums (MNIST, Fashion-MNIST): the four
 * canonical file names, the SHA-256 of their decoded content, the normalisation constants of its training
 * images and the project script that fetches it.
 *
 * @param title the name in messages, e.g. "Fashion-MNIST"
 * @param files the four files, in the order they are read
 * @param normalization the mean and standard deviation of the training pixels on [0, 1]
 * @param fetchCommand the script that fetches the files into a directory
 */
public record KnownIdxSet(
        String title, List<FileSpec> files, IdxDataset.Normalization normalization, String fetchCommand) {

    /** One of the four files: its canonical name and the SHA-256 of its decoded content. */
    public record FileSpec(String name, String sha256) {}

    /** LeCun's handwritten digits, normalised with the customary 0.1307 / 0.3081. */
    public static final KnownIdxSet MNIST = new KnownIdxSet(
            "MNIST",
            List.of(
                    new FileSpec(
                            "train-images-idx3-ubyte",
                            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
                    new FileSpec(
                            "train-labels-idx1-ubyte",
                            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
                    new FileSpec(
                            "t10k-images-idx3-ubyte",
                            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
                    new FileSpec(
                            "t10k-labels-idx1-ubyte",
                            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),
            new IdxDataset.Normalization(0.1307, 0.3081),
            "scripts/fetch-mnist.sh");

    /**
     * Zalando's Fashion-MNIST; its constants are the mean and population standard deviation of its 60,000
     * training images (a test recomputes them from the files).
     */
    public static final KnownIdxSet FASHION_MNIST = new KnownIdxSet(
            "Fashion-MNIST",
            List.of(
                    new FileSpec(
                            "train-images-idx3-ubyte",
                            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
                    new FileSpec(
                            "train-labels-idx1-ubyte",
                            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
                    new FileSpec(
                            "t10k-images-idx3-ubyte",
                            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
                    new FileSpec(
                            "t10k-labels-idx1-ubyte",
                            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")),
            new IdxDataset.Normalization(0.2860406, 0.3530242),
            "scripts/fetch-fashion-mnist.sh");

    /** Whether all four files exist (raw or .gz) in the directory; their content is not checked. */
    public boolean isPresent(Path directory) {
        return files.stream().allMatch(spec -> locate(directory, spec) != null);
    }

    /** Whether any of the four files exists (raw or .gz) in the directory. */
    public boolean anyPresent(Path directory) {
        return files.stream().anyMatch(spec -> locate(directory, spec) != null);
    }

    /** Loads and splits the data set, or throws a {@link RunException} naming the missing or corrupt file and the fix. */
    public Dataset load(DataDirectory directory, double validationFraction, long splitSeed) {
        // Files are located as they are read, so the first missing or corrupt one in reading order is reported.
        Path[] names = files.stream()
                .map(spec -> directory.path().resolve(spec.name()))
                .toArray(Path[]::new);
        IdxDataset.Files canonical = new IdxDataset.Files(names[0], names[1], names[2], names[3]);
        return IdxDataset.load(
                canonical, name -> readVerified(directory, name), validationFraction, splitSeed, 10, normalization);
    }

    private Path locateOrExplain(DataDirectory directory, FileSpec spec) {
        Path file = locate(directory.path(), spec);
        if (file == null) {
            throw new DataFileException(
                    directory.path().resolve(spec.name()),
                    DataFileException.Problem.UNREADABLE,
                    "%s file %s (or %s.gz) is missing from %s (the data directory %s).%n"
                                    .formatted(title, spec.name(), spec.name(), directory.path(), directory.source())
                            + fetchHint(directory));
        }
        return file;
    }

    private IdxFile readVerified(DataDirectory directory, Path canonical) {
        FileSpec spec = files.stream()
                .filter(s -> canonical.getFileName().toString().equals(s.name()))
                .findFirst()
                .orElseThrow();
        Path file = locateOrExplain(directory, spec);
        IdxFile idx;
        try {
            idx = IdxFile.read(file);
        } catch (IOException e) {
            throw new DataFileException(
                    file,
                    DataFileException.Problem.MALFORMED,
                    "%s file %s cannot be read: %s.%n".formatted(title, file, e.getMessage()) + fetchHint(directory),
                    e);
        }
        if (!idx.sha256().equals(spec.sha256())) {
            throw new DataFileException(
                    file,
                    DataFileException.Problem.MALFORMED,
                    ("%s file %s is corrupt or not the canonical file: its content has SHA-256 %s, expected %s."
                                            + "%nDelete it and fetch it again.%n")
                                    .formatted(title, file, idx.sha256(), spec.sha256())
                            + fetchHint(directory));
        }
        return idx;
    }

    private String fetchHint(DataDirectory directory) {
        return "Fetch the four files with:  %s %s%n(or give a directory that holds them with --data or the data block's dir)"
                .formatted(fetchCommand, directory.path());
    }

    private static Path locate(Path directory, FileSpec spec) {
        for (String candidate : List.of(spec.name(), spec.name() + ".gz")) {
            Path file = directory.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }
}

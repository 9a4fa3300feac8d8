package spd.compiler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Paths of the project the tests run in: the repository root, the examples, the golden files. */
public final class Project {
    private Project() {}

    public static Path root() {
        String root = System.getProperty("spd.root");
        Path path = root != null ? Path.of(root) : Path.of("..");
        return path.toAbsolutePath().normalize();
    }

    public static Path examples() {
        return root().resolve("examples");
    }

    public static Path golden(String kind) {
        return root().resolve("compiler/src/test/resources/golden").resolve(kind);
    }

    /** The .spd files directly in a directory, sorted by name. */
    public static List<Path> spdFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.toString().endsWith(".spd")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every runnable or derivable example: examples/*.spd, examples/paper/*.spd and examples/lenet5/*.spd (not
     * examples/errors). The generated data of the npz and CSV examples is written first when it is missing (a
     * clean clone has none).
     */
    public static List<Path> validExamples() {
        ensureExampleData();
        return Stream.of(examples(), examples().resolve("paper"), examples().resolve("lenet5"))
                .flatMap(directory -> spdFiles(directory).stream())
                .toList();
    }

    /** Writes examples/data (spd example-data) when it is not there. */
    public static void ensureExampleData() {
        Path data = examples().resolve("data");
        if (!spd.runtime.data.ExampleData.isPresent(data)) {
            try {
                spd.runtime.data.ExampleData.write(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** How diagnostics name an example: relative to the repository root, as a user running ./spd would. */
    public static String displayName(Path example) {
        return root().relativize(example.toAbsolutePath().normalize()).toString();
    }

    /** Display name of an example relative to examples/, e.g. "paper/logsum.spd". */
    public static String relativeName(Path example) {
        return examples().relativize(example.toAbsolutePath().normalize()).toString();
    }
}

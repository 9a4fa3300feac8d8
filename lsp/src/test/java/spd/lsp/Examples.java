package spd.lsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's example files, found from the {@code spd.root} the build sets. */
final class Examples {
    private Examples() {}

    static Path root() {
        return Path.of(System.getProperty("spd.root", "..")).toAbsolutePath().normalize();
    }

    static List<Path> in(String directory) throws IOException {
        try (Stream<Path> files = Files.list(root().resolve(directory))) {
            return files.filter(f -> f.toString().endsWith(".spd")).sorted().toList();
        }
    }

    /** The 0-based line of the first line of {@code file} that contains {@code text}. */
    static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError(file + " has no line with " + text);
    }
}

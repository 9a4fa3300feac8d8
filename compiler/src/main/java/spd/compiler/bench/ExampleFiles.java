package spd.compiler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The example files a benchmark times: every .spd under a directory except the deliberate mistakes. */
final class ExampleFiles {
    private ExampleFiles() {}

    static List<Path> under(Path examples) throws IOException {
        try (Stream<Path> walk = Files.walk(examples)) {
            return walk.filter(
                            p -> p.toString().endsWith(".spd") && !p.toString().contains("/errors/"))
                    .sorted()
                    .toList();
        }
    }
}

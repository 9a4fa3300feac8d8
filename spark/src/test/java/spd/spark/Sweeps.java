package spd.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import spd.compiler.cli.Main;

/** What the sweep tests share: the linear examples, spd started as a process, reference runs, metrics compared. */
final class Sweeps {
    /** The metrics.csv columns that time the run: everything else must be equal between two runs of a point. */
    private static final Set<String> TIMING_COLUMNS = Set.of("samples_per_second", "epoch_seconds");

    private Sweeps() {}

    static Path root() {
        return Path.of(System.getProperty("spd.root", "..")).toAbsolutePath().normalize();
    }

    /** The three linear examples (no download; seconds per run): a point per file at its declared seed. */
    static List<Path> linearExamples() {
        return List.of(
                root().resolve("examples/linear_lasso.spd"),
                root().resolve("examples/linear_adadrop.spd"),
                root().resolve("examples/scad_penalty.spd"));
    }

    /** Each example's run directory in a sweep without --set: DIR/experiment/defaults/seed-S. */
    static Map<Path, Path> pointDirectories(Path out) {
        return Map.of(
                root().resolve("examples/linear_lasso.spd"), out.resolve("linear_lasso/defaults/seed-3"),
                root().resolve("examples/linear_adadrop.spd"), out.resolve("linear_adadrop/defaults/seed-7"),
                root().resolve("examples/scad_penalty.spd"), out.resolve("linear_scad/defaults/seed-5"));
    }

    /** Starts {@code spd ARGS} as its own process (a sweep that a test can kill), with its output in {@code log}. */
    static Process start(Path log, Map<String, String> environment, String... args) throws IOException {
        return start(log, environment, List.of(), args);
    }

    /** The same, with options for the JVM (e.g. Spark settings as {@code -Dspark.*}). */
    static Process start(Path log, Map<String, String> environment, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        command.addAll(jvmOptions);
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "spd.compiler.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Waits (polling) until {@code condition} holds; fails after {@code limit}. */
    static void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Whether a point's run has started an epoch's checkpoint but not finished. */
    static boolean midRun(Path directory) {
        return Files.exists(directory.resolve("checkpoint.bin"))
                && !status(directory).equals("completed");
    }

    /** A run with a checkpoint and at most half its epochs: stopping it now leaves it to resume. */
    static boolean inFirstHalf(Path directory, int epochs) {
        try {
            return midRun(directory)
                    && Files.readAllLines(directory.resolve("metrics.csv")).size() - 1 <= epochs / 2;
        } catch (IOException e) {
            return false;
        }
    }

    static String status(Path directory) {
        try {
            return new ObjectMapper()
                    .readTree(directory.resolve("summary.json").toFile())
                    .path("status")
                    .asText();
        } catch (IOException e) {
            return "";
        }
    }

    /** A plain {@code spd run} of the file's experiment at the same seed and epochs, in this JVM. */
    static Path referenceRun(Path file, int epochs, Path directory) {
        int exit = Main.execute(
                "run", file.toString(), "--epochs", Integer.toString(epochs), "--out", directory.toString(), "--quiet");
        assertEquals(0, exit, "spd run " + file + " failed");
        return directory;
    }

    /**
     * Asserts that two runs of a point have the same metrics: metrics.csv row for row without its timing
     * columns, and summary.json without its wall time.
     */
    static void assertSameResults(Path expected, Path actual) throws IOException {
        assertEquals(
                withoutTiming(expected.resolve("metrics.csv")),
                withoutTiming(actual.resolve("metrics.csv")),
                "metrics.csv of " + actual + " against " + expected);
        assertEquals(summary(expected), summary(actual), "summary.json of " + actual + " against " + expected);
    }

    private static List<String> withoutTiming(Path metrics) throws IOException {
        List<String> lines = Files.readAllLines(metrics);
        assertTrue(lines.size() > 1, metrics + " has no epochs");
        List<String> header = List.of(lines.getFirst().split(",", -1));
        return lines.stream()
                .map(line -> {
                    String[] cells = line.split(",", -1);
                    return java.util.stream.IntStream.range(0, cells.length)
                            .filter(i -> !TIMING_COLUMNS.contains(header.get(i)))
                            .mapToObj(i -> cells[i])
                            .collect(Collectors.joining(","));
                })
                .toList();
    }

    /** The summary without its wall time, as a JSON tree (equal whatever the order of its keys). */
    private static JsonNode summary(Path directory) throws IOException {
        ObjectNode summary = (ObjectNode)
                new ObjectMapper().readTree(directory.resolve("summary.json").toFile());
        summary.remove("wall_time_seconds");
        return summary;
    }
}

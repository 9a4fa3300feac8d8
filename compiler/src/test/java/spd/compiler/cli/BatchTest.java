package spd.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands over several files or experiments: a bad one is reported, the others still produce their outputs, and
 * the exit status says that something failed. Outputs of different experiments never overwrite each other.
 */
class BatchTest {
    private static final String LINEAR = """
      experiment %s {
        data linear { n 20, d 5, support 2 }
        network { input 5 linear 1 loss squared }
        let lambda = 0.1
        %s
        train sgd(lr = 0.01) { epochs 1 }
      }
      """;

    @TempDir
    Path directory;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(directory.resolve(name), text);
    }

    private static String experiment(String name, String rule) {
        return LINEAR.formatted(name, rule);
    }

    @Test
    void compileWritesTheGoodFilesAndFailsForTheBadOne() throws IOException {
        Path bad = file("bad.spd", "experiment broken { eta(w) = |w| * }");
        Path good = file("good.spd", experiment("fine", "penalty omega(w) = |w|"));
        Path out = directory.resolve("out");
        assertEquals(Main.USER_ERROR, Main.execute("compile", "-o", out.toString(), bad.toString(), good.toString()));
        assertTrue(Files.exists(out.resolve("spd/generated/Fine.java")));
    }

    @Test
    void compileGoesOnAfterAnExperimentThatCannotBeGenerated() throws IOException {
        Path both = file(
                "both.spd",
                experiment("no_nd4j_erf", "penalty omega(w) = erf(|w|)")
                        + experiment("fine", "penalty omega(w) = |w|"));
        Path out = directory.resolve("out");
        assertEquals(Main.USER_ERROR, Main.execute("compile", "-o", out.toString(), both.toString()));
        assertTrue(Files.exists(out.resolve("spd/generated/Fine.java")));
        assertFalse(Files.exists(out.resolve("spd/generated/NoNd4jErf.java")));
    }

    @Test
    void compileNeverOverwritesTheClassOfAnotherExperiment() throws IOException {
        Path first = file("first.spd", experiment("same", "penalty omega(w) = |w|"));
        Path second = file("second.spd", experiment("same", "penalty omega(w) = w^2"));
        Path out = directory.resolve("out");
        String err = captureErr(() -> assertEquals(
                Main.USER_ERROR, Main.execute("compile", "-o", out.toString(), first.toString(), second.toString())));
        assertTrue(err.contains("already wrote"), err);
        assertTrue(Files.readString(out.resolve("spd/generated/Same.java")).contains("first.spd"));
    }

    @Test
    void deriveReportsTheGoodFilesAndFailsForTheBadOne() throws IOException {
        Path bad = file("bad.spd", "experiment broken { eta(w) = |w| * }");
        Path good = file("good.spd", "experiment fine { let lambda = 1\n eta(w) = |w| }");
        Path out = directory.resolve("out");
        assertEquals(Main.USER_ERROR, Main.execute("derive", "-o", out.toString(), bad.toString(), good.toString()));
        assertTrue(Files.exists(out.resolve("fine.penalty.md")), () -> list(out));
    }

    @Test
    void checkReportsEveryFile() throws IOException {
        Path bad = file("bad.spd", "experiment broken { eta(w) = |w| * }");
        Path good = file("good.spd", "experiment fine { let lambda = 1\n eta(w) = |w| }");
        String err =
                captureErr(() -> assertEquals(Main.USER_ERROR, Main.execute("check", bad.toString(), good.toString())));
        assertTrue(err.contains("1 of 2 files ok"), err);
    }

    @Test
    void runWithOutAndSeveralExperimentsGivesEachItsOwnDirectory() throws IOException {
        Path both = file(
                "both.spd", experiment("one", "penalty omega(w) = |w|") + experiment("two", "penalty omega(w) = w^2"));
        Path out = directory.resolve("runs");
        assertEquals(0, Main.execute("run", "--quiet", "--out", out.toString(), both.toString()));
        assertTrue(Files.exists(out.resolve("one/summary.json")), () -> list(out));
        assertTrue(Files.exists(out.resolve("two/summary.json")), () -> list(out));
    }

    private static String list(Path directory) {
        try (var files = Files.walk(directory)) {
            return files.map(Path::toString).toList().toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String captureErr(Runnable command) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true));
        try {
            command.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString();
    }
}

package spd.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.compiler.testing.Project;

/**
 * Issue 15's run-side reproducers and issue 9's console, through the command line: every run ends with its
 * message, a resume is refused unless it is the same run and the printed command reproduces it, the
 * duality check reports instead of crashing, and progress without a terminal is one line per epoch.
 */
class RunSafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    static String resource(String name) {
        return Project.root()
                .resolve("compiler/src/test/resources/runs")
                .resolve(name)
                .toString();
    }

    private static String example(String name) {
        return Project.examples().resolve(name).toString();
    }

    @Test
    void aDivergingRunStopsWithItsMessageInsteadOfSpinningOnItsPlots() throws Exception {
        Path run = directory.resolve("run");
        Console console = assertTimeoutPreemptively(
                Duration.ofSeconds(90),
                () -> Console.spd("run", resource("diverging.spd"), "--out", run.toString(), "--quiet"));
        assertEquals(Main.USER_ERROR, console.status(), console.err());
        assertTrue(console.out().contains("spd: stopped: training diverged at epoch 3"), console.out());
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertEquals("diverged", summary.get("status").asText());
        assertEquals(2, summary.get("epochs_completed").asInt());
    }

    /**
     * The resume reproducer (a lambda 0.5 run resumed without its --set): refused, naming the
     * difference and the command; the command spd recorded does resume it, to the uninterrupted summary.
     */
    @Test
    void aResumeWithOtherSettingsIsRefusedAndThePrintedCommandReproducesTheRun() throws Exception {
        Path uninterrupted = directory.resolve("uninterrupted");
        Path run = directory.resolve("run");
        String file = example("linear_lasso.spd");
        for (Path out : List.of(uninterrupted, run)) {
            assertEquals(
                    0,
                    Console.spd(
                                    "run",
                                    file,
                                    "--set",
                                    "lambda=0.5",
                                    "--epochs",
                                    "4",
                                    "--seed",
                                    "11",
                                    "--out",
                                    out.toString(),
                                    "--quiet")
                            .status());
        }
        assertArrayEquals(
                Files.readAllBytes(uninterrupted.resolve("summary.json")),
                Files.readAllBytes(run.resolve("summary.json")),
                "two runs with the same seed: identical summaries");

        Console refused = Console.spd("run", file, "--epochs", "4", "--seed", "11", "--resume", run.toString());
        assertEquals(Main.USER_ERROR, refused.status());
        assertTrue(refused.err().contains("--set: lambda=0.5 then, none now"), refused.err());
        String command = JSON.readTree(run.resolve("manifest.json").toFile())
                .get("resume_command")
                .asText();
        assertTrue(refused.err().contains(command), refused.err());
        assertEquals("./spd run " + file + " --set lambda=0.5 --epochs 4 --seed 11 --resume " + run, command);

        // As if killed before its first checkpoint: the recorded command finishes it, exactly.
        Files.delete(run.resolve("checkpoint.bin"));
        Console resumed = Console.spd(words(command));
        assertEquals(0, resumed.status(), resumed.err());
        assertArrayEquals(
                Files.readAllBytes(uninterrupted.resolve("summary.json")),
                Files.readAllBytes(run.resolve("summary.json")));
        assertEquals(
                2,
                JSON.readTree(run.resolve("manifest.json").toFile())
                        .get("sessions")
                        .size(),
                "the manifest records both sessions");
    }

    @Test
    void aResumeOfAnEditedFileIsRefused() throws Exception {
        Path source = directory.resolve("lasso.spd");
        Files.copy(Path.of(example("linear_lasso.spd")), source);
        Path run = directory.resolve("run");
        assertEquals(
                0,
                Console.spd("run", source.toString(), "--epochs", "2", "--out", run.toString(), "--quiet")
                        .status());
        Files.writeString(source, Files.readString(source).replace("let lambda = 0.05", "let lambda = 0.5"));
        Console refused = Console.spd("run", source.toString(), "--epochs", "2", "--resume", run.toString());
        assertEquals(Main.USER_ERROR, refused.status());
        assertTrue(refused.err().contains("was edited since the run started"), refused.err());
    }

    @Test
    void withoutATerminalProgressIsOneCleanLinePerEpoch() {
        Console console = Console.spd(
                "run",
                example("linear_lasso.spd"),
                "--epochs",
                "3",
                "--out",
                directory.resolve("run").toString(),
                "--progress",
                "lines");
        assertEquals(0, console.status(), console.err());
        assertFalse(console.err().contains("\r"), "no carriage-return redraws");
        List<String> epochs =
                console.err().lines().filter(line -> line.startsWith("epoch ")).toList();
        assertEquals(3, epochs.size(), console.err());
        assertTrue(epochs.get(2).startsWith("epoch 3/3: train loss "), epochs.get(2));
    }

    @Test
    void theDualityCheckReportsInsteadOfCrashingWithoutAPenalty() throws Exception {
        Path run = directory.resolve("lambda0");
        Console console = Console.spd(
                "run",
                example("linear_lasso.spd"),
                "--set",
                "lambda=0",
                "--epochs",
                "2",
                "--out",
                run.toString(),
                "--quiet");
        assertEquals(0, console.status(), console.err());
        assertTrue(console.out().contains("duality check: not made: lambda = 0"), console.out());
        assertFalse(JSON.readTree(run.resolve("duality.json").toFile())
                .get("checked")
                .asBoolean());
    }

    @Test
    void theDualityCheckOfCappedL1TreatsAnInfiniteEtaAsNoPenalty() throws Exception {
        Path run = directory.resolve("capped");
        Console console = Console.spd("run", resource("capped_l1.spd"), "--out", run.toString(), "--quiet");
        assertEquals(0, console.status(), console.err());
        assertTrue(
                JSON.readTree(run.resolve("duality.json").toFile())
                        .get("irls_converged")
                        .asBoolean(),
                console.out());
    }

    @Test
    void theDualityCheckOfANegativeEtaReportsIt() {
        Console console = Console.spd(
                "run",
                resource("negative_eta.spd"),
                "--out",
                directory.resolve("run").toString(),
                "--quiet");
        assertNotEquals(Main.INTERNAL_ERROR, console.status(), console.err());
        if (console.status() == 0) {
            assertTrue(console.out().contains("duality check: not made: eta_hat("), console.out());
        } else {
            assertTrue(console.err().contains("error["), "the checker rejected it with a diagnostic: " + console.err());
        }
    }

    @Test
    void aDualityCheckTooLargeForMemoryIsSkippedBeforeTrainingWithAMessage() {
        Path run = directory.resolve("wide");
        Console console = Console.spd("run", resource("huge_gram.spd"), "--out", run.toString(), "--quiet");
        assertEquals(0, console.status(), console.err());
        assertTrue(console.err().contains("the duality check is skipped: with d = 50,000 it needs"), console.err());
        assertFalse(Files.exists(run.resolve("duality.json")));
    }

    @Test
    void linearDataPastWhatAnArrayHoldsIsRefusedBeforeAnythingIsAllocated() {
        Path run = directory.resolve("too-large");
        Console console = assertTimeoutPreemptively(
                Duration.ofSeconds(120),
                () -> Console.spd("run", resource("linear_too_large.spd"), "--out", run.toString(), "--quiet"));
        assertEquals(Main.USER_ERROR, console.status(), console.err());
        assertTrue(
                console.err().contains("5,000,000,000 values") || console.err().contains("error["), console.err());
        assertFalse(Files.exists(run), "refused before the run directory was made");
    }

    @Test
    void printedCommandsQuoteWhatTheShellWouldSplit() {
        String path = "/tmp/it's a dir, \"x\"/run";
        String command = ShellWords.join(List.of("./spd", "run", "a.spd", "--resume", path));
        assertEquals("./spd run a.spd --resume '/tmp/it'\\''s a dir, \"x\"/run'", command);
        assertArrayEquals(new String[] {"run", "a.spd", "--resume", path}, words(command));
    }

    /** A printed command split into words as a POSIX shell would (quotes as ShellWords writes them). */
    static String[] words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        boolean escaped = false;
        for (char c : command.toCharArray()) {
            if (escaped) {
                word.append(c);
                escaped = false;
            } else if (c == '\\' && !quoted) {
                escaped = true;
                any = true;
            } else if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    words.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        assertEquals("./spd", words.getFirst());
        return words.subList(1, words.size()).toArray(String[]::new);
    }
}

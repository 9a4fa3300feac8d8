package spd.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.runtime.Experiment;
import spd.runtime.base.RunException;
import spd.runtime.data.DataSpec;

/**
 * Issue 15's run-directory reproducers: one writer at a time, no run or user file silently overwritten,
 * leftovers of a killed process cleaned up, a full disk named; and issue 9's byte-identical summaries.
 */
class RunDirectoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Experiment fixture(int epochs) {
        return Fixtures.experiment(640, epochs, 7);
    }

    @Test
    void twoRunsWithTheSameSeedWriteByteIdenticalSummaries() throws Exception {
        Trainer.run(fixture(2), RunOptions.quiet().writingTo(dir.resolve("a")));
        Trainer.run(fixture(2), RunOptions.quiet().writingTo(dir.resolve("b")));
        byte[] first = Files.readAllBytes(dir.resolve("a/summary.json"));
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("b/summary.json")));
        String summary = new String(first, java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(summary.contains("wall") || summary.contains("seconds"), "no timings in the summary: " + summary);
        assertTrue(
                summary.indexOf("\"nonzero\"") < summary.indexOf("\"total\"")
                        && summary.indexOf("\"total\"") < summary.indexOf("\"fraction\""),
                "per-layer keys in a fixed order");
        Map<?, ?> manifest = JSON.readValue(dir.resolve("a/manifest.json").toFile(), Map.class);
        assertTrue(((Number) manifest.get("wall_time_seconds")).doubleValue() > 0, "the wall time is in the manifest");
    }

    @Test
    void aSecondWriterOfTheSameDirectoryIsRefusedWhileTheFirstHoldsIt() throws Exception {
        Files.createDirectories(dir.resolve("run"));
        try (RunLock held = RunLock.acquire(dir.resolve("run"), "run directory")) {
            RunException error = assertThrows(
                    RunException.class,
                    () -> Trainer.run(fixture(1), RunOptions.quiet().writingTo(dir.resolve("run"))));
            assertTrue(error.getMessage().contains("is being written by another spd run (pid "), error.getMessage());
            assertThrows(RunException.class, () -> Trainer.resume(dir.resolve("run"), fixture(1), RunOptions.quiet()));
        }
        assertEquals(
                RunStatus.COMPLETED,
                Trainer.run(fixture(1), RunOptions.quiet().writingTo(dir.resolve("run")))
                        .status(),
                "free again once the holder is done");
    }

    @Test
    void anotherProcessWritingTheDirectoryIsNamedByItsPid() throws Exception {
        Path run = dir.resolve("run");
        Process child = KillLoopFixture.start(run, "run", 400, dir.resolve("child.log"));
        try {
            KillLoopFixture.awaitFile(run.resolve(RunDirectory.MANIFEST), child, dir.resolve("child.log"));
            RunException error = assertThrows(
                    RunException.class,
                    () -> Trainer.run(
                            KillLoopFixture.experiment(400), RunOptions.quiet().writingTo(run)));
            assertTrue(error.getMessage().contains("(pid " + child.pid() + ")"), error.getMessage());
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aNewRunRefusesADirectoryOfTheUsersOwnFilesAndTouchesNothing() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("summary.json"), "my own notes");
        RunException error = assertThrows(
                RunException.class,
                () -> Trainer.run(fixture(1), RunOptions.quiet().writingTo(mine)));
        assertTrue(error.getMessage().contains("is not empty and holds no spd run"), error.getMessage());
        assertEquals("my own notes", Files.readString(mine.resolve("summary.json")));
        try (Stream<Path> files = Files.list(mine)) {
            assertEquals(1, files.count(), "not even a lock file added");
        }
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertTrue(assertThrows(
                        RunException.class,
                        () -> Trainer.run(fixture(1), RunOptions.quiet().writingTo(file)))
                .getMessage()
                .contains("is a file"));
    }

    @Test
    void aNewRunRefusesACompletedRunAndARunWithACheckpointNamingTheResumeCommand() throws Exception {
        Path run = dir.resolve("run");
        RunInfo info = RunInfo.none().withCommands(Map.of(), List.of("spd", "run"), "./spd run x.spd --resume " + run);
        Trainer.run(fixture(1), RunOptions.quiet().writingTo(run).withInfo(info));
        RunException error = assertThrows(
                RunException.class,
                () -> Trainer.run(fixture(1), RunOptions.quiet().writingTo(run).withInfo(info)));
        assertTrue(error.getMessage().contains("already holds a run"), error.getMessage());
        assertTrue(error.getMessage().contains("./spd run x.spd --resume " + run), error.getMessage());
        Files.delete(run.resolve(Checkpoint.FILE_NAME));
        error = assertThrows(
                RunException.class,
                () -> Trainer.run(fixture(1), RunOptions.quiet().writingTo(run)));
        assertTrue(error.getMessage().contains("already holds a completed run"), error.getMessage());
    }

    @Test
    void aNewRunRefusesARunThatDivergedBeforeItsFirstCheckpoint() throws Exception {
        Path run = dir.resolve("run");
        Experiment diverging = Fixtures.diverging();
        RunResult result = Trainer.run(diverging, RunOptions.quiet().writingTo(run));
        assertEquals(RunStatus.DIVERGED, result.status());
        assertFalse(Files.exists(run.resolve(Checkpoint.FILE_NAME)), "diverged in its first epoch");
        RunException error = assertThrows(
                RunException.class,
                () -> Trainer.run(diverging, RunOptions.quiet().writingTo(run)));
        assertTrue(error.getMessage().contains("already holds a diverged run"), error.getMessage());
        error = assertThrows(RunException.class, () -> Trainer.resume(run, diverging, RunOptions.quiet()));
        assertTrue(error.getMessage().contains("would diverge again in the same way"), error.getMessage());
    }

    @Test
    void aRunKilledBeforeItsFirstCheckpointIsStartedAgainInPlace() throws Exception {
        Path run = dir.resolve("run");
        Trainer.run(fixture(1), RunOptions.quiet().writingTo(run));
        // What a kill -9 during the first epoch leaves: the manifest, a "running" summary, a temporary file.
        Files.delete(run.resolve(Checkpoint.FILE_NAME));
        Files.writeString(run.resolve(RunDirectory.SUMMARY), "{\"status\": \"running\"}");
        Files.writeString(run.resolve("metrics.csv.tmp"), "half a file");
        RunResult again = Trainer.run(fixture(1), RunOptions.quiet().writingTo(run));
        assertEquals(RunStatus.COMPLETED, again.status());
        assertNoTemporaryFiles(run);
    }

    @Test
    void temporaryFilesLeftByAKilledProcessAreRemovedByTheNextOne() throws Exception {
        Path run = dir.resolve("run");
        Trainer.run(fixture(1), RunOptions.quiet().writingTo(run));
        Files.writeString(run.resolve("checkpoint.bin.tmp"), "half a checkpoint");
        Files.writeString(run.resolve("summary.json.tmp"), "{\"stat");
        Trainer.resume(run, fixture(1), RunOptions.quiet());
        assertNoTemporaryFiles(run);
    }

    @Test
    void aFullDiskNamesTheFileAndTheSummaryDoesNotStayRunning() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "needs Linux's /dev/full, a device on which every write fails with ENOSPC");
        Path run = dir.resolve("run");
        Experiment blobs = fixture(3);
        // The data loader runs once the directory is open (and cleaned): the checkpoint's temporary file then
        // leads to /dev/full, so writing the first checkpoint fails exactly as on a full disk.
        Experiment diskFull = new Experiment(
                blobs.name(),
                DataSpec.provided("gaussian blobs", data -> {
                    try {
                        Files.createSymbolicLink(run.resolve("checkpoint.bin.tmp"), full);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return Fixtures.blobs(640, 100, 10, 99);
                }),
                blobs.network(),
                blobs.regularizers(),
                blobs.training(),
                blobs.pruning(),
                blobs.constants());
        RunResult result = Trainer.run(diskFull, RunOptions.quiet().writingTo(run));
        assertEquals(RunStatus.FAILED, result.status());
        assertTrue(result.message().contains("cannot write " + run.resolve("checkpoint.bin")), result.message());
        assertTrue(result.message().contains("No space left on device"), result.message());
        Map<?, ?> summary = JSON.readValue(run.resolve(RunDirectory.SUMMARY).toFile(), Map.class);
        assertEquals("failed", summary.get("status"));
        assertEquals(result.message(), summary.get("message"));
        assertNoTemporaryFiles(run);
        assertTrue(Files.exists(full), "only the link was removed");
    }

    static void assertNoTemporaryFiles(Path run) throws Exception {
        try (Stream<Path> files = Files.list(run)) {
            List<Path> temporary =
                    files.filter(f -> f.toString().endsWith(".tmp")).toList();
            assertTrue(temporary.isEmpty(), "temporary files left: " + temporary);
        }
    }
}

package spd.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.runtime.Experiment;
import spd.runtime.base.RunException;

/**
 * Issue 15's resume reproducers: a run directory left at the worst moments of a kill resumes to the result of
 * an uninterrupted run, and a resume with another source, settings, epochs or seed is refused with the
 * command that does resume it.
 */
class ResumeTest {
    private static final int EPOCHS = 3;
    private static final String RESUME = "./spd run examples/x.spd --set lambda=0.5 --resume run";

    @TempDir
    Path dir;

    private Path reference;
    private Path run;

    private static Experiment fixture() {
        return Fixtures.experiment(640, EPOCHS, 7);
    }

    private static RunInfo info(String sourceSha, Map<String, String> settings) {
        return new RunInfo("examples/x.spd", sourceSha, "class X {}", "X.java", "0.1.0")
                .withCommands(settings, List.of("spd", "run", "examples/x.spd"), RESUME);
    }

    private static RunOptions options(RunInfo info) {
        return RunOptions.quiet().withInfo(info);
    }

    @BeforeEach
    void twoCompletedRuns() {
        reference = dir.resolve("reference");
        run = dir.resolve("run");
        RunInfo info = info("aaa", Map.of("lambda", "0.5"));
        Trainer.run(fixture(), options(info).writingTo(reference));
        Trainer.run(fixture(), options(info).writingTo(run));
    }

    @Test
    void killedAfterTheLastCheckpointBeforeItsMetricsItResumesToTheSameResult() throws Exception {
        // The checkpoint says 3 of 3 epochs; metrics.csv still has 2 rows, the summary says running, no plots,
        // and the next metrics file was half written.
        List<String> metrics = Files.readAllLines(run.resolve(RunDirectory.METRICS));
        Files.write(run.resolve(RunDirectory.METRICS), metrics.subList(0, metrics.size() - 1));
        Files.writeString(run.resolve("metrics.csv.tmp"), metrics.get(0));
        Files.writeString(run.resolve(RunDirectory.SUMMARY), "{\"status\" : \"running\"}");
        Files.delete(run.resolve(Plots.NONZERO + ".png"));

        RunResult resumed = Trainer.resume(run, fixture(), options(info("aaa", Map.of("lambda", "0.5"))));
        assertEquals(RunStatus.COMPLETED, resumed.status());
        KillLoopTest.assertSameResult(reference, run);
        assertTrue(Files.exists(run.resolve(Plots.NONZERO + ".png")), "the plots are drawn again");
        RunDirectoryTest.assertNoTemporaryFiles(run);
    }

    @Test
    void killedWhileWritingTheFinalSummaryItResumesToTheSameResult() throws Exception {
        Files.writeString(run.resolve("summary.json.tmp"), "{\"experiment\" : \"fixture\", \"status\" : \"compl");
        Files.writeString(run.resolve(RunDirectory.SUMMARY), "{\"status\" : \"running\"}");
        Trainer.resume(run, fixture(), options(info("aaa", Map.of("lambda", "0.5"))));
        KillLoopTest.assertSameResult(reference, run);
        RunDirectoryTest.assertNoTemporaryFiles(run);
    }

    @Test
    void aRunKilledBeforeItsFirstCheckpointResumesFromTheStart() throws Exception {
        Files.delete(run.resolve(Checkpoint.FILE_NAME));
        Files.writeString(run.resolve(RunDirectory.SUMMARY), "{\"status\" : \"running\"}");
        Trainer.resume(run, fixture(), options(info("aaa", Map.of("lambda", "0.5"))));
        KillLoopTest.assertSameResult(reference, run);
    }

    @Test
    void otherSettingsAreRefusedNamingTheDifferenceAndTheCommandThatResumes() {
        RunException error =
                assertThrows(RunException.class, () -> Trainer.resume(run, fixture(), options(info("aaa", Map.of()))));
        assertTrue(error.getMessage().contains("--set: lambda=0.5 then, none now"), error.getMessage());
        assertTrue(error.getMessage().contains(RESUME), error.getMessage());

        error = assertThrows(
                RunException.class,
                () -> Trainer.resume(run, fixture(), options(info("aaa", Map.of("lambda", "0.05")))));
        assertTrue(error.getMessage().contains("--set: lambda=0.5 then, lambda=0.05 now"), error.getMessage());
    }

    @Test
    void anEditedSourceIsRefused() {
        RunException error = assertThrows(
                RunException.class,
                () -> Trainer.resume(run, fixture(), options(info("bbb", Map.of("lambda", "0.5")))));
        assertTrue(
                error.getMessage().contains("source: examples/x.spd was edited since the run started"),
                error.getMessage());
    }

    @Test
    void otherEpochsOrAnotherSeedAreRefused() {
        RunInfo same = info("aaa", Map.of("lambda", "0.5"));
        RunException error = assertThrows(
                RunException.class, () -> Trainer.resume(run, fixture().withEpochs(EPOCHS + 1), options(same)));
        assertTrue(error.getMessage().contains("epochs: 3 then, 4 now"), error.getMessage());
        Experiment reseeded = fixture().withTraining(fixture().training().seed(8));
        error = assertThrows(RunException.class, () -> Trainer.resume(run, reseeded, options(same)));
        assertTrue(error.getMessage().contains("seed: 7 then, 8 now"), error.getMessage());
    }

    @Test
    void aDirectoryWithoutARunCannotBeResumed() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        RunException error =
                assertThrows(RunException.class, () -> Trainer.resume(empty, fixture(), RunOptions.quiet()));
        assertTrue(error.getMessage().contains("holds no spd run"), error.getMessage());
    }
}

package spd.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import spd.runtime.base.RunException;

/** Checkpoints round-trip arrays and metadata (NaN included) and refuse what they cannot restore. */
class CheckpointTest {
    @Test
    void roundTripsArraysAndMetadataWithNaN(@TempDir Path dir) throws Exception {
        EpochMetrics metrics =
                new EpochMetrics(1, 0.1, 0.5, Double.NaN, Double.NaN, Double.NaN, 0.25, Map.of("fc1", 0.25), 1000, 2);
        var meta = new Checkpoint.Metadata("e", 7, 3, 1, 42, 12.5, List.of(metrics));
        var weights = Nd4j.linspace(DataType.FLOAT, 1, 6, 6).reshape(2, 3);
        new Checkpoint(meta, Map.of("fc1.W", weights)).write(dir);
        Checkpoint read = Checkpoint.read(dir);
        assertEquals(meta, read.metadata());
        var live = Nd4j.zeros(DataType.FLOAT, 2, 3);
        read.restoreInto(Map.of("fc1.W", live));
        assertEquals(weights, live);
        assertThrows(RunException.class, () -> read.restoreInto(Map.of("fc2.W", live)));
        assertThrows(RunException.class, () -> read.restoreInto(Map.of("fc1.W", Nd4j.zeros(DataType.FLOAT, 3, 2))));
    }

    @Test
    void aMissingOrDamagedCheckpointIsExplained(@TempDir Path dir) throws Exception {
        assertTrue(assertThrows(RunException.class, () -> Checkpoint.read(dir))
                .getMessage()
                .contains("without --resume"));
        Files.writeString(dir.resolve(Checkpoint.FILE_NAME), "not a checkpoint");
        assertTrue(assertThrows(RunException.class, () -> Checkpoint.read(dir))
                .getMessage()
                .contains("cannot be read"));
    }

    @Test
    void aNewRunRefusesADirectoryThatHoldsOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(Checkpoint.FILE_NAME), "x");
        RunException error = assertThrows(
                RunException.class,
                () -> Trainer.run(
                        Fixtures.experiment(100, 1, 1), RunOptions.quiet().writingTo(dir)));
        assertTrue(error.getMessage().contains("--resume"), error.getMessage());
    }
}

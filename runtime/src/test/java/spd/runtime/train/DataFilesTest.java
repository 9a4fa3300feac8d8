package spd.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.runtime.Experiment;
import spd.runtime.data.CsvData;
import spd.runtime.data.DataSpec;

/** The data files a manifest records and a resume compares: the user's own files by path and SHA-256. */
class DataFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsHashedBySha256OfItsBytes() throws IOException {
        Path file = Files.writeString(dir.resolve("abc.csv"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DataFiles.sha256(file));
    }

    @Test
    void theUsersCsvFilesAreRecordedByPathAndAnEditedOneIsAnotherRun() throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), "a,label\n1,0\n2,1\n");
        Path test = Files.writeString(dir.resolve("test.csv"), "a,label\n3,0\n");
        DataSpec.Csv spec = DataSpec.csv(
                train,
                test,
                new CsvData.Format(CsvData.Column.named("label"), true, ','),
                new DataSpec.TableOptions(0, 1, 2, false));
        List<DataFiles.DataFile> before = DataFiles.of(spec, null);
        assertEquals(
                List.of(train.toString(), test.toString()),
                before.stream().map(DataFiles.DataFile::path).toList());
        assertEquals(DataFiles.sha256(train), before.getFirst().sha256());

        Files.writeString(train, "a,label\n1,0\n2,0\n");
        Experiment experiment = Fixtures.experiment(64, 1, 7);
        List<String> differences = RunIdentity.of(experiment, RunInfo.none(), before)
                .differencesFrom(RunIdentity.of(experiment, RunInfo.none(), DataFiles.of(spec, null)));
        assertEquals(1, differences.size(), differences.toString());
        assertTrue(differences.getFirst().startsWith("data file " + train + ": SHA-256 "), differences.getFirst());
    }
}

package spd.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV data: what loads, and every kind of bad data named by file, line and column. */
class CsvDataTest {
    private static final String GOOD = "a,b,label\n1,2,0\n3,4,1\n5,6,2\n7,8,1\n";

    @TempDir
    Path directory;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }

    private DataSpec.Csv classification(Path train, Path test) {
        return DataSpec.csv(
                train,
                test,
                new CsvData.Format(CsvData.Column.named("label"), true, ','),
                new DataSpec.TableOptions(0, 42, 3, false));
    }

    private String failure(String content) throws IOException {
        Path bad = file("bad.csv", content);
        DataFileException error =
                assertThrows(DataFileException.class, () -> CsvData.load(classification(bad, file("good.csv", GOOD))));
        assertEquals(bad, error.file());
        assertTrue(error.getMessage().contains(bad.toString()), error.getMessage());
        return error.getMessage();
    }

    @Test
    void loadsFeaturesAndOneHotLabelsAndDescribesTheShape() throws IOException {
        Path good = file("good.csv", GOOD);
        DataSpec.Csv spec = classification(good, good);
        assertEquals(DataDescription.classification(List.of(2), 3), spec.describe());
        Dataset data = CsvData.load(spec);
        assertEquals(4, data.train().size());
        assertArrayEquals(
                new float[] {1, 2, 3, 4, 5, 6, 7, 8},
                data.train().features().data().asFloat());
        assertArrayEquals(
                new float[] {1, 0, 0}, data.train().targets().getRow(0).toFloatVector());
    }

    @Test
    void standardisesWithTheTrainingRowsAndSplitsBySeed() throws IOException {
        Path good = file("good.csv", GOOD);
        DataSpec.Csv spec = DataSpec.csv(
                good,
                good,
                new CsvData.Format(CsvData.Column.numbered(3), true, ','),
                new DataSpec.TableOptions(0.25, 42, 0, true));
        Dataset data = CsvData.load(spec);
        assertEquals(3, data.train().size());
        assertEquals(1, data.validation().size());
        assertEquals(0, data.train().features().getColumn(0).meanNumber().doubleValue(), 1e-6);
        assertEquals(DataDescription.regression(List.of(2), 1), spec.describe());
    }

    @Test
    void aNonNumericCellIsNamedByLineAndColumn() throws IOException {
        String message = failure("a,b,label\n1,2,0\n3,x4,1\n");
        assertTrue(message.contains("line 3, column 2 ('b'): 'x4' is not a number"), message);
    }

    @Test
    void javaNumberSyntaxThatIsNotDecimalIsRefused() throws IOException {
        assertTrue(failure("a,b,label\n1,2d,0\n").contains("'2d' is not a number"));
        assertTrue(failure("a,b,label\n0x10,2,0\n").contains("'0x10' is not a number"));
    }

    @Test
    void nanAndInfinityAreRefused() throws IOException {
        assertTrue(failure("a,b,label\n1,NaN,0\n").contains("line 2, column 2 ('b'): 'NaN' is not a finite number"));
        assertTrue(failure("a,b,label\n-inf,2,0\n").contains("'-inf' is not a finite number"));
        assertTrue(failure("a,b,label\n1e999,2,0\n").contains("out of the range"));
    }

    @Test
    void anEmptyCellIsRefused() throws IOException {
        assertTrue(failure("a,b,label\n1,,0\n").contains("line 2, column 2 ('b'): the cell is empty"));
    }

    @Test
    void aRaggedRowIsRefused() throws IOException {
        String message = failure("a,b,label\n1,2,0\n3,4\n");
        assertTrue(message.contains("line 3: the row has 2 cells but the header names 3 columns"), message);
    }

    @Test
    void aLabelOutsideTheClassesOrNotWholeIsRefused() throws IOException {
        assertTrue(
                failure("a,b,label\n1,2,3\n").contains("line 2, column 3 ('label'): label 3 is outside the 3 classes"));
        assertTrue(failure("a,b,label\n1,2,-1\n").contains("label -1 is outside the 3 classes"));
        assertTrue(failure("a,b,label\n1,2,1.5\n").contains("class label 1.5 is not a whole number"));
    }

    @Test
    void aMissingLabelColumnListsTheColumns() throws IOException {
        assertTrue(failure("a,b,c\n1,2,0\n").contains("has no column named 'label'; its columns are a, b, c"));
    }

    @Test
    void anEmptyFileOrAHeaderWithoutRowsIsRefused() throws IOException {
        assertTrue(failure("").contains("is empty"));
        assertTrue(failure("a,b,label\n").contains("holds no rows after its header line"));
    }

    @Test
    void aMissingFileIsUnreadable() {
        Path absent = directory.resolve("absent.csv");
        DataFileException error = assertThrows(
                DataFileException.class, () -> classification(absent, absent).describe());
        assertEquals(DataFileException.Problem.UNREADABLE, error.problem());
    }

    @Test
    void textThatIsNotUtf8IsRefused() throws IOException {
        Path latin1 = directory.resolve("latin1.csv");
        Files.write(latin1, "a,b,label\n1,2,0\n\u00e9,2,0\n".getBytes(StandardCharsets.ISO_8859_1));
        DataFileException error =
                assertThrows(DataFileException.class, () -> CsvData.load(classification(latin1, latin1)));
        assertTrue(error.getMessage().contains("not UTF-8"), error.getMessage());
    }
}

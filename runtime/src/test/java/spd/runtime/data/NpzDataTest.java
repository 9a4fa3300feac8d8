package spd.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** npz data: NumPy's layout read without NumPy, and bad arrays named with their file. */
class NpzDataTest {
    @TempDir
    Path directory;

    private Path npz(String name, NpzWriter writer) throws IOException {
        Path file = directory.resolve(name);
        writer.write(file);
        return file;
    }

    private static DataSpec.Npz spec(Path file, int classes) {
        return DataSpec.npz(
                new NpzData.Arrays(file, "x", "y"),
                new NpzData.Arrays(file, "x_test", "y_test"),
                new DataSpec.TableOptions(0, 42, classes, false));
    }

    private static NpzWriter blobs(float[] x, long[] y) {
        return new NpzWriter()
                .add("x", NpyArray.encode(x, y.length, x.length / y.length))
                .add("y", NpyArray.encode(y, y.length))
                .add("x_test", NpyArray.encode(x, y.length, x.length / y.length))
                .add("y_test", NpyArray.encode(y, y.length));
    }

    private String failure(NpzWriter writer, int classes) throws IOException {
        Path file = npz("bad.npz", writer);
        DataFileException error = assertThrows(DataFileException.class, () -> NpzData.load(spec(file, classes)));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        return error.getMessage();
    }

    @Test
    void loadsClassificationDataAndDescribesIt() throws IOException {
        Path file = npz("ok.npz", blobs(new float[] {1, 2, 3, 4, 5, 6}, new long[] {0, 2, 1}));
        assertEquals(
                DataDescription.classification(List.of(2), 3), spec(file, 3).describe());
        Dataset data = NpzData.load(spec(file, 3));
        assertArrayEquals(
                new float[] {1, 2, 3, 4, 5, 6}, data.train().features().data().asFloat());
        assertArrayEquals(
                new float[] {0, 0, 1}, data.train().targets().getRow(1).toFloatVector());
    }

    @Test
    void imagesKeepTheirShapeAndRegressionTargetsTheirWidth() throws IOException {
        NpzWriter writer = new NpzWriter()
                .add("x", NpyArray.encode(new float[8], 2, 2, 2))
                .add("y", NpyArray.encode(new float[] {1, 2, 3, 4}, 2, 2))
                .add("x_test", NpyArray.encode(new float[4], 1, 2, 2))
                .add("y_test", NpyArray.encode(new float[2], 1, 2));
        Path file = npz("images.npz", writer);
        assertEquals(DataDescription.regression(List.of(2, 2), 2), spec(file, 0).describe());
        assertEquals(4, NpzData.load(spec(file, 0)).inputs());
    }

    @Test
    void aMissingArrayListsTheArraysThere() throws IOException {
        NpzWriter writer = new NpzWriter().add("features", NpyArray.encode(new float[2], 1, 2));
        String message = failure(writer, 2);
        assertTrue(message.contains("holds no array named 'x'; its arrays are features"), message);
    }

    @Test
    void nanFeaturesAndLabelsOutsideTheClassesAreRefused() throws IOException {
        assertTrue(failure(blobs(new float[] {1, Float.NaN}, new long[] {0}), 2)
                .contains("NaN at example 0, feature 1"));
        assertTrue(failure(blobs(new float[] {1, 2}, new long[] {5}), 2)
                .contains("label 5 of example 0 is outside the 2 classes"));
    }

    @Test
    void floatLabelsAreNotClassesAndMismatchedCountsAreRefused() throws IOException {
        NpzWriter floatLabels = new NpzWriter()
                .add("x", NpyArray.encode(new float[2], 1, 2))
                .add("y", NpyArray.encode(new float[] {1}, 1))
                .add("x_test", NpyArray.encode(new float[2], 1, 2))
                .add("y_test", NpyArray.encode(new float[] {1}, 1));
        assertTrue(failure(floatLabels, 2).contains("class labels must be an integer type"));
        NpzWriter counts = new NpzWriter()
                .add("x", NpyArray.encode(new float[4], 2, 2))
                .add("y", NpyArray.encode(new long[] {0}, 1))
                .add("x_test", NpyArray.encode(new float[2], 1, 2))
                .add("y_test", NpyArray.encode(new long[] {0}, 1));
        assertTrue(failure(counts, 2).contains("but x holds 2 examples"));
    }

    @Test
    void aTruncatedArrayOrAFileThatIsNotAZipIsRefused() throws IOException {
        byte[] full = NpyArray.encode(new float[] {1, 2, 3, 4}, 2, 2);
        NpzWriter truncated = new NpzWriter()
                .add("x", java.util.Arrays.copyOf(full, full.length - 3))
                .add("y", NpyArray.encode(new long[] {0, 1}, 2))
                .add("x_test", full)
                .add("y_test", NpyArray.encode(new long[] {0, 1}, 2));
        assertTrue(failure(truncated, 2).contains("should hold 16 bytes of data after its header"));
        Path text = Files.writeString(directory.resolve("text.npz"), "not a zip");
        DataFileException error =
                assertThrows(DataFileException.class, () -> spec(text, 2).describe());
        assertTrue(error.getMessage().contains("not a valid .npz"), error.getMessage());
    }

    @Test
    void aHeaderAnnouncingTooManyValuesIsRefusedBeforeReading() throws IOException {
        byte[] header = NpyArray.encode(new float[0], 0);
        String huge = new String(header, java.nio.charset.StandardCharsets.ISO_8859_1).replace("(0,)", "(3000000000,)");
        NpzWriter writer = new NpzWriter()
                .add("x", huge.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .add("y", NpyArray.encode(new long[] {0}, 1))
                .add("x_test", NpyArray.encode(new float[0], 0))
                .add("y_test", NpyArray.encode(new long[0], 0));
        Path file = npz("huge.npz", writer);
        DataFileException error = assertThrows(DataFileException.class, () -> NpzData.load(spec(file, 2)));
        assertEquals(DataFileException.Problem.TOO_LARGE, error.problem(), error.getMessage());
    }

    @Test
    void fortranOrderedArraysAreReadInCOrder() throws IOException {
        // [[1, 2], [3, 4], [5, 6]] in column-major memory order.
        byte[] c = NpyArray.encode(new float[] {1, 3, 5, 2, 4, 6}, 3, 2);
        String header = new String(c, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("'fortran_order': False", "'fortran_order': True ");
        NpyArray array = NpyArray.read(
                new java.io.ByteArrayInputStream(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
                "f",
                directory);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, array.toDoubles());
    }
}

package spd.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any idx data set (the user's own, and Fashion-MNIST): shapes, classes, normalisation, bad files. */
class IdxDatasetTest {
    @TempDir
    Path directory;

    /** An idx file of unsigned bytes with the given dimensions and data. */
    static byte[] idx(int[] dimensions, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length);
        buffer.putShort((short) 0).put((byte) 8).put((byte) dimensions.length);
        for (int d : dimensions) {
            buffer.putInt(d);
        }
        return buffer.put(data).array();
    }

    private IdxDataset.Files files(byte[] trainLabels, byte[] testLabels) throws IOException {
        byte[] images = new byte[2 * 2 * 3];
        for (int i = 0; i < images.length; i++) {
            images[i] = (byte) (20 * i);
        }
        Files.write(directory.resolve("train-images"), IdxFileTest.gzip(idx(new int[] {2, 2, 3}, images)));
        Files.write(directory.resolve("train-labels"), idx(new int[] {trainLabels.length}, trainLabels));
        Files.write(directory.resolve("test-images"), idx(new int[] {2, 2, 3}, images));
        Files.write(directory.resolve("test-labels"), idx(new int[] {testLabels.length}, testLabels));
        return new IdxDataset.Files(
                directory.resolve("train-images"),
                directory.resolve("train-labels"),
                directory.resolve("test-images"),
                directory.resolve("test-labels"));
    }

    @Test
    void describesImagesAsOneChannelAndCountsClassesFromTheLabels() throws IOException {
        IdxDataset.Files files = files(new byte[] {0, 4}, new byte[] {1, 2});
        assertEquals(
                DataDescription.classification(List.of(1, 2, 3), 5),
                DataSpec.idx(files, 0, 42).describe());
        assertEquals(7, DataSpec.idx(files, 0, 42).withClasses(7).describe().classes());
        Dataset data = DataLoader.load(DataSpec.idx(files, 0, 42).withClasses(7), null);
        assertEquals(7, data.classes());
        // Normalised with the training images' own mean and std: mean 0, std 1.
        assertEquals(0, data.train().features().meanNumber().doubleValue(), 1e-5);
        assertEquals(1, data.train().features().stdNumber(false).doubleValue(), 1e-5);
    }

    @Test
    void aLabelOutsideTheDeclaredClassesNamesTheFileAndExample() throws IOException {
        IdxDataset.Files files = files(new byte[] {0, 9}, new byte[] {1, 2});
        DataFileException error = assertThrows(
                DataFileException.class,
                () -> DataSpec.idx(files, 0, 42).withClasses(5).describe());
        assertEquals(files.trainLabels(), error.file());
        assertTrue(error.getMessage().contains("label 9 of example 1 is outside the 5 classes"), error.getMessage());
    }

    @Test
    void labelsThatDoNotMatchTheImagesAreRefused() throws IOException {
        IdxDataset.Files files = files(new byte[] {0, 1, 1}, new byte[] {1, 2});
        DataFileException error = assertThrows(
                DataFileException.class, () -> DataSpec.idx(files, 0, 42).describe());
        assertTrue(error.getMessage().contains("holds 3 labels but"), error.getMessage());
    }

    @Test
    void aMissingFileIsUnreadableAndNamed() throws IOException {
        IdxDataset.Files files = files(new byte[] {0, 1}, new byte[] {1, 0});
        Files.delete(files.testImages());
        DataFileException error = assertThrows(
                DataFileException.class, () -> DataSpec.idx(files, 0, 42).describe());
        assertEquals(DataFileException.Problem.UNREADABLE, error.problem());
        assertEquals(files.testImages(), error.file());
    }

    @Test
    @Tag("mnist")
    void fashionMnistsConstantsAreThoseOfItsTrainingImages() throws IOException {
        Path dir = DataDirectory.fashionMnist(null, null).path();
        assumeTrue(
                KnownIdxSet.FASHION_MNIST.isPresent(dir),
                "Fashion-MNIST is not in " + dir + "; run scripts/fetch-fashion-mnist.sh to include this test");
        IdxDataset.Normalization computed =
                IdxDataset.statistics(IdxFile.read(dir.resolve("train-images-idx3-ubyte.gz")));
        assertEquals(KnownIdxSet.FASHION_MNIST.normalization().mean(), computed.mean(), 1e-7);
        assertEquals(KnownIdxSet.FASHION_MNIST.normalization().std(), computed.std(), 1e-7);
        Dataset data = KnownIdxSet.FASHION_MNIST.load(DataDirectory.fashionMnist(null, null), 0.2, 42);
        assertEquals(48_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertEquals(List.of(1, 28, 28), data.featureShape());
        assertEquals(
                1000, (int) data.test().targets().sum(0).getDouble(3), "Fashion-MNIST's test set has 1,000 per class");
    }
}

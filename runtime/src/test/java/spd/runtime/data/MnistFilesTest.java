package spd.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.runtime.base.RunException;

/** Where MNIST is looked for, and what the user is told when it is missing or corrupt. */
class MnistFilesTest {
    @Test
    void theDataDirectoryComesFromTheFlagThenTheEnvironmentThenTheCache() {
        Map<String, String> env = Map.of("SPD_DATA", "/data/mnist");
        assertEquals(
                Path.of("/flag"),
                DataDirectory.resolve(Path.of("/flag"), env, "/home/u").path());
        assertEquals(
                Path.of("/data/mnist"),
                DataDirectory.resolve(null, env, "/home/u").path());
        assertEquals(
                Path.of("/home/u/.cache/spd/mnist"),
                DataDirectory.resolve(null, Map.of(), "/home/u").path());
    }

    @Test
    void aMissingFileIsNamedWithTheDirectoryAndTheFetchCommand(@TempDir Path dir) {
        RunException error =
                assertThrows(RunException.class, () -> Mnist.load(new DataDirectory(dir, "from $SPD_DATA"), 0.2, 42));
        String message = error.getMessage();
        assertTrue(message.contains("train-images-idx3-ubyte"), message);
        assertTrue(message.contains(dir.toString()), message);
        assertTrue(message.contains("from $SPD_DATA"), message);
        assertTrue(message.contains("scripts/fetch-mnist.sh " + dir), message);
    }

    @Test
    void aCorruptFileIsNamedWithBothChecksums(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFileTest.gzip(IdxFileTest.idx(1, 2, 7, 8)));
        RunException error = assertThrows(
                RunException.class, () -> Mnist.load(new DataDirectory(dir, "given on the command line"), 0.2, 42));
        String message = error.getMessage();
        assertTrue(message.contains("corrupt"), message);
        assertTrue(message.contains(Mnist.TRAIN_IMAGES.sha256()), message);
        assertTrue(message.contains("scripts/fetch-mnist.sh"), message);
    }
}

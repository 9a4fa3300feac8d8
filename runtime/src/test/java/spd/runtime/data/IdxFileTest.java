package spd.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The idx reader: raw and gzip detected by magic bytes, one checksum for both, and malformed files. */
class IdxFileTest {
    static byte[] idx(int... dimensionsThenData) {
        int rank = 2;
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * rank + dimensionsThenData.length - rank);
        buffer.putShort((short) 0).put((byte) 8).put((byte) rank);
        buffer.putInt(dimensionsThenData[0]).putInt(dimensionsThenData[1]);
        for (int i = rank; i < dimensionsThenData.length; i++) {
            buffer.put((byte) dimensionsThenData[i]);
        }
        return buffer.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(raw);
        }
        return out.toByteArray();
    }

    @Test
    void readsRawAndGzipToTheSameContentAndChecksum(@TempDir Path dir) throws IOException {
        byte[] raw = idx(2, 3, 1, 2, 3, 250, 5, 6);
        Files.write(dir.resolve("a"), raw);
        Files.write(dir.resolve("b.bin"), gzip(raw)); // the name does not matter, the magic bytes do
        IdxFile plain = IdxFile.read(dir.resolve("a"));
        IdxFile zipped = IdxFile.read(dir.resolve("b.bin"));
        assertArrayEquals(new int[] {2, 3}, plain.dimensions());
        assertEquals(250, plain.data()[3] & 0xff);
        assertArrayEquals(plain.data(), zipped.data());
        assertEquals(plain.sha256(), zipped.sha256());
        assertEquals(IdxFile.sha256(raw), plain.sha256());
    }

    @Test
    void rejectsTruncatedAndForeignFiles(@TempDir Path dir) throws IOException {
        byte[] raw = idx(2, 3, 1, 2, 3, 4, 5, 6);
        Files.write(dir.resolve("short"), java.util.Arrays.copyOf(raw, raw.length - 1));
        Files.write(dir.resolve("text"), "hello, world".getBytes());
        assertThrows(IOException.class, () -> IdxFile.read(dir.resolve("short")));
        assertThrows(IOException.class, () -> IdxFile.read(dir.resolve("text")));
    }

    @Test
    void aGzipBombBehindASmallHeaderStopsAfterTheAnnouncedSize(@TempDir Path dir) throws IOException {
        // 2 x 3 values announced, then 200 MB of zeros: reading stops one byte past the header's size.
        Path bomb = dir.resolve("bomb.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            out.write(idx(2, 3, 1, 2, 3, 4, 5, 6));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                out.write(zeros);
            }
        }
        assertTrue(Files.size(bomb) < 1 << 20, "the bomb is small on disk");
        IOException error = assertThrows(IOException.class, () -> IdxFile.read(bomb));
        assertTrue(error.getMessage().contains("holds more data than its header announces"), error.getMessage());
    }

    @Test
    void aHeaderAnnouncingBillionsOfValuesIsRefusedBeforeDecompressing(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.gz");
        Files.write(huge, gzip(idx(100_000, 100_000)));
        DataFileException error = assertThrows(DataFileException.class, () -> IdxFile.read(huge));
        assertEquals(DataFileException.Problem.TOO_LARGE, error.problem());
        assertTrue(error.getMessage().contains(huge.toString()), error.getMessage());
    }
}

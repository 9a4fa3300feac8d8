package spd.runtime.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A decoded idx file (the MNIST container format): unsigned-byte data with its dimensions, and the SHA-256 of
 * the decoded bytes, so a gzip-compressed and a raw copy of the same file have the same checksum.
 *
 * <p>Reading streams the file and decompresses no more than its header announces: a header past
 * {@link DataLimits} is refused before any data is decoded, and content beyond the announced size (a gzip
 * bomb hiding behind a small header) is refused after one extra byte.
 */
public record IdxFile(int[] dimensions, byte[] data, String sha256) {
    private static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_RANK = 8;

    /** The dimensions an idx header announces, read without decoding the data. */
    public record Header(int[] dimensions) {
        /** The number of values the header announces. */
        public long count() {
            long count = 1;
            for (int dimension : dimensions) {
                count *= dimension;
            }
            return count;
        }
    }

    /** Reads a raw or gzip-compressed idx file, recognised by its magic bytes rather than its name. */
    public static IdxFile read(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (DataInputStream in = open(file)) {
            Header header = header(in, file, digest);
            DataLimits.checkFits(file, "the idx file", header.count(), Float.BYTES);
            byte[] data = in.readNBytes((int) header.count());
            if (data.length < header.count()) {
                throw new IOException(
                        file + " should hold " + header.count() + " values after its header but holds " + data.length);
            }
            if (in.read() >= 0) {
                throw new IOException(
                        file + " holds more data than its header announces (" + header.count() + " values)");
            }
            digest.update(data);
            return new IdxFile(header.dimensions(), data, HexFormat.of().formatHex(digest.digest()));
        } catch (ZipException | EOFException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Reads only the header of a raw or gzip-compressed idx file. */
    public static Header readHeader(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            return header(in, file, sha256Digest());
        } catch (ZipException | EOFException e) {
            throw new IOException(file + " is damaged or ends inside its header", e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        InputStream decoded = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new DataInputStream(gzip ? new BufferedInputStream(decoded, 1 << 16) : decoded);
    }

    private static Header header(DataInputStream in, Path file, MessageDigest digest) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4 || magic[0] != 0 || magic[1] != 0 || magic[2] != UNSIGNED_BYTE) {
            throw new IOException(file + " is not an idx file of unsigned bytes");
        }
        int rank = magic[3];
        if (rank < 1 || rank > MAX_RANK) {
            throw new IOException(file + " declares " + rank + " dimensions; idx files have 1 to " + MAX_RANK);
        }
        byte[] sizes = in.readNBytes(4 * rank);
        if (sizes.length < 4 * rank) {
            throw new IOException(file + " ends inside its header");
        }
        digest.update(magic);
        digest.update(sizes);
        ByteBuffer buffer = ByteBuffer.wrap(sizes);
        int[] dimensions = new int[rank];
        for (int i = 0; i < rank; i++) {
            dimensions[i] = buffer.getInt();
            if (dimensions[i] < 0) {
                throw new IOException(file + " declares a negative dimension " + dimensions[i]);
            }
        }
        return new Header(dimensions);
    }

    /** The hexadecimal SHA-256 of some bytes. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}

package spd.runtime.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * A decoded idx file (the MNIST container format): unsigned-byte data with its dimensions, and the SHA-256 of
 * the decoded bytes, so a gzip-compressed and a raw copy of the same file have the same checksum.
 */
public record IdxFile(int[] dimensions, byte[] data, String sha256) {
  private static final int UNSIGNED_BYTE = 0x08;

  /** Reads a raw or gzip-compressed idx file, recognised by its magic bytes rather than its name. */
  public static IdxFile read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    byte[] decoded = isGzip(bytes) ? gunzip(bytes) : bytes;
    return parse(decoded, file);
  }

  private static boolean isGzip(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  /** Parses decoded idx bytes; {@code file} only names the file in messages. */
  static IdxFile parse(byte[] decoded, Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(decoded);
    if (decoded.length < 4 || buffer.getShort() != 0 || buffer.get() != UNSIGNED_BYTE) {
      throw new IOException(file + " is not an idx file of unsigned bytes");
    }
    int rank = buffer.get();
    if (decoded.length < 4 + 4 * rank) {
      throw new IOException(file + " ends inside its header");
    }
    int[] dimensions = new int[rank];
    long count = 1;
    for (int i = 0; i < rank; i++) {
      dimensions[i] = buffer.getInt();
      count *= dimensions[i];
    }
    if (buffer.remaining() != count) {
      throw new IOException(
          file + " should hold " + count + " values after its header but holds " + buffer.remaining());
    }
    byte[] data = new byte[(int) count];
    buffer.get(data);
    return new IdxFile(dimensions, data, sha256(decoded));
  }

  /** The hexadecimal SHA-256 of some bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}

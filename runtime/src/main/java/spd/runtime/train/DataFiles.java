package spd.runtime.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import spd.runtime.base.RunException;
import spd.runtime.data.DataDirectory;
import spd.runtime.data.DataSpec;
import spd.runtime.data.Mnist;

/**
 * The files a run's data comes from, with the SHA-256 of each file as stored: recorded in the manifest, and
 * compared when a run is resumed (other files would train another run).
 */
final class DataFiles {
  private DataFiles() {}

  /** A data file: its canonical name, where it was found, and the SHA-256 of its bytes. */
  record DataFile(String name, String path, String sha256) {}

  /** The files of {@code spec} (none for generated or code-supplied data); missing files are left out. */
  static List<DataFile> of(DataSpec spec, Path dataFlag) {
    return switch (spec) {
      case DataSpec.Mnist mnist -> mnistFiles(DataDirectory.resolve(dataFlag).path());
      case DataSpec.Linear linear -> List.of();
      case DataSpec.Provided provided -> List.of();
    };
  }

  private static List<DataFile> mnistFiles(Path directory) {
    List<DataFile> files = new ArrayList<>();
    for (String name : Mnist.FILE_NAMES) {
      for (String candidate : List.of(name, name + ".gz")) {
        Path file = directory.resolve(candidate);
        if (Files.isRegularFile(file)) {
          files.add(new DataFile(name, file.toString(), sha256(file)));
          break;
        }
      }
    }
    return files;
  }

  /** The SHA-256 of a file's bytes, streamed. */
  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 20];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new RunException("cannot read the data file %s: %s".formatted(file, RunDirectory.reason(e)), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}

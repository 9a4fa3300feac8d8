package spd.compiler.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions. With {@code -Dspd.golden.update=true} the golden file is rewritten and the test
 * still fails, so that an update is always a deliberate second run.
 */
public final class Golden {
  private Golden() {}

  public static void assertMatches(Path golden, String actual) {
    if (Boolean.getBoolean("spd.golden.update")) {
      write(golden, actual);
      fail("golden file updated: " + golden + " (rerun without -Dspd.golden.update to check it)");
    }
    if (!Files.exists(golden)) {
      fail("no golden file " + golden + "; create it with -Dspd.golden.update=true and review it");
    }
    assertEquals(read(golden), actual, "differs from golden file " + golden);
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path path, String text) {
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

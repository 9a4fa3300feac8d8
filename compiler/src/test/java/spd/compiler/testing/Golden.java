package spd.compiler.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions, the one way tests compare output with a file. With {@code -Dspd.golden.update=true} the
 * golden file is rewritten and the test still fails, so that an update is always a deliberate second run; a missing
 * golden file fails too (it is never created silently).
 */
public final class Golden {
    /** The bless switch. */
    public static final String UPDATE_PROPERTY = "spd.golden.update";

    private Golden() {}

    /** Asserts that {@code actual} equals the golden file's text (or rewrites it, and fails, when blessing). */
    public static void assertMatches(Path golden, String actual) {
        check(golden, actual, Boolean.getBoolean(UPDATE_PROPERTY));
    }

    /** {@link #assertMatches} with the bless switch given, for the tests of this class. */
    static void check(Path golden, String actual, boolean update) {
        if (update) {
            write(golden, actual);
            fail("golden file updated: " + golden + " (rerun without -D" + UPDATE_PROPERTY + " to check it)");
        }
        if (!Files.exists(golden)) {
            fail("no golden file " + golden + "; create it with -D" + UPDATE_PROPERTY + "=true and review it");
        }
        assertEquals(
                read(golden),
                actual,
                "differs from golden file " + golden + "; if the change is intended, rerun" + " with -D"
                        + UPDATE_PROPERTY + "=true and review the diff");
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

package spd.compiler.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The golden helper can fail: a wrong golden fails, a missing one fails, and blessing rewrites but still fails. */
class GoldenTest {
    @Test
    void aMatchingGoldenPasses(@TempDir Path dir) throws IOException {
        Path golden = Files.writeString(dir.resolve("ok.txt"), "the output\n");
        Golden.check(golden, "the output\n", false);
    }

    @Test
    void aDeliberatelyWrongGoldenFails(@TempDir Path dir) throws IOException {
        Path golden = Files.writeString(dir.resolve("wrong.txt"), "not the output\n");
        AssertionFailedError error =
                assertThrows(AssertionFailedError.class, () -> Golden.check(golden, "the output\n", false));
        assertTrue(error.getMessage().contains("differs from golden file"), error.getMessage());
    }

    @Test
    void aMissingGoldenFailsAndIsNotCreated(@TempDir Path dir) {
        Path golden = dir.resolve("missing.txt");
        assertThrows(AssertionFailedError.class, () -> Golden.check(golden, "the output\n", false));
        assertFalse(Files.exists(golden), "a golden file is never created silently");
    }

    @Test
    void blessingRewritesTheGoldenAndStillFails(@TempDir Path dir) throws IOException {
        Path golden = Files.writeString(dir.resolve("stale.txt"), "old output\n");
        AssertionFailedError error =
                assertThrows(AssertionFailedError.class, () -> Golden.check(golden, "new output\n", true));
        assertTrue(error.getMessage().contains("golden file updated"), error.getMessage());
        assertEquals("new output\n", Files.readString(golden));
        Golden.check(golden, "new output\n", false);
    }
}

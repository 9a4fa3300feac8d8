package spd.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The check that an executor sees the sweep directory the driver sees. Executors write their runs straight into
 * {@code --out}, so it must be storage they all share at the same path (a network file system); a node that
 * has a directory of that name of its own would otherwise fill it unseen. The driver leaves a fresh random
 * marker in the sweep directory; a task on an executor reads it back before it writes anything.
 */
final class SharedStorage {
    /** The marker's file name in the sweep directory. */
    static final String MARKER = ".spd-sweep-marker";

    private SharedStorage() {}

    /** Writes a new marker into {@code out} (atomically) and returns it. */
    static String mark(Path out) throws IOException {
        String marker = UUID.randomUUID().toString();
        Files.createDirectories(out);
        Path temporary = Files.createTempFile(out, MARKER, ".tmp");
        Files.writeString(temporary, marker);
        Files.move(temporary, out.resolve(MARKER), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return marker;
    }

    /** Fails, naming the host, unless {@code out} here holds {@code marker}. */
    static void check(Path out, String marker, String host) throws IOException {
        Path file = out.resolve(MARKER);
        String found;
        try {
            found = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            found = null;
        }
        if (!marker.equals(found)) {
            throw new IOException(("the executor on %s does not see the sweep directory %s (%s); --out, the .spd files "
                            + "and --data must be on storage every executor sees at the same path")
                    .formatted(host, out, found == null ? "no " + MARKER + " there" : "another sweep's " + MARKER));
        }
    }
}

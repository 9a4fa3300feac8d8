package spd.runtime.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The process's peak resident memory, as Linux reports it (VmHWM); recorded with each session of a run. */
final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {}

    /** Peak resident bytes of this process so far, or empty where the system does not report it. */
    static OptionalLong peakBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    // "VmHWM:   1019708 kB"
                    String kilobytes =
                            line.substring("VmHWM:".length()).replace("kB", "").strip();
                    return OptionalLong.of(Long.parseLong(kilobytes) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or a format this does not know: the manifest goes without the number
        }
        return OptionalLong.empty();
    }
}

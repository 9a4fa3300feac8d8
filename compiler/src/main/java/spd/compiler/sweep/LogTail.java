package spd.compiler.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Why a run failed, in one line, from the end of its console log: what a sweep prints beside the point. */
final class LogTail {
    private static final int MAX_CHARACTERS = 300;

    private LogTail() {}

    /** The length of the log now: a session's own lines start there (the log is appended to). */
    static long size(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The last message spd printed after byte {@code from} of the log ({@code spd run: ...}, or {@code spd: ...}
     * other than the line that announces the run), else the last line there.
     */
    static Optional<String> reason(Path log, long from) {
        List<String> lines;
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(Math.min(from, Files.size(log)));
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList()
                    .reversed();
        } catch (IOException e) {
            return Optional.empty();
        }
        Optional<String> spd = lines.stream().filter(LogTail::isSpdMessage).findFirst();
        return spd.or(() -> lines.stream().findFirst()).map(LogTail::shorten);
    }

    private static boolean isSpdMessage(String line) {
        return line.startsWith("spd run: ")
                || line.startsWith("spd: ") && !line.startsWith("spd: training ") && !line.startsWith("spd: resuming ");
    }

    private static String shorten(String line) {
        return line.length() <= MAX_CHARACTERS ? line : line.substring(0, MAX_CHARACTERS - 3) + "...";
    }
}

package spd.runtime.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** How a run reports progress on standard error ({@code --progress}). */
public enum ProgressMode {
    /** A progress bar when standard error is a terminal, else one line per epoch. */
    AUTO,
    /** A progress bar redrawn in place, and a line per finished epoch. */
    BAR,
    /** One line per finished epoch, plus a heartbeat line during long epochs: for logs, pipes and CI. */
    LINES,
    /** Nothing. */
    NONE;

    /**
     * The system property the launcher sets to {@code true} or {@code false} from {@code [ -t 2 ]}: the JVM
     * itself cannot ask whether standard error is a terminal.
     */
    public static final String TERMINAL_PROPERTY = "spd.stderr.terminal";

    /** The mode to use here: {@link #AUTO} becomes {@link #BAR} or {@link #LINES}. */
    public ProgressMode resolved() {
        return this != AUTO ? this : standardErrorIsTerminal() ? BAR : LINES;
    }

    /** The option value, e.g. {@code lines}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether standard error is a terminal: the launcher's answer when it gave one, else (Linux) whether file
     * descriptor 2 is a terminal device, else no: when unsure, lines are the safe choice.
     */
    static boolean standardErrorIsTerminal() {
        String told = System.getProperty(TERMINAL_PROPERTY);
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}

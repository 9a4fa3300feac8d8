package spd.runtime.data;

import java.nio.file.Path;
import spd.runtime.base.RunException;

/**
 * A data file that cannot be used, with the file and the kind of problem, so that {@code spd check} can point
 * at the setting that names the file and {@code spd run} can stop before training. The message names the file
 * (and for CSV the row and column).
 */
public final class DataFileException extends RunException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Problem {
        /** The file does not exist or cannot be read. */
        UNREADABLE,
        /** The content is not what the data block declares: wrong format, shape, values or labels. */
        MALFORMED,
        /** The file would not fit in memory, or its declared size is past spd's limits. */
        TOO_LARGE
    }

    private final transient Path file;
    private final Problem problem;

    /** A problem with a file; the message must name the file. */
    public DataFileException(Path file, Problem problem, String message) {
        super(message);
        this.file = file;
        this.problem = problem;
    }

    /** A problem with a file and the exception that revealed it. */
    public DataFileException(Path file, Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** What is wrong with it. */
    public Problem problem() {
        return problem;
    }
}

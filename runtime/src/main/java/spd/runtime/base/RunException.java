package spd.runtime.base;

/**
 * A failure the user can act on (missing data, a corrupt file, an unusable device, a run directory that
 * cannot be resumed). Its message says what happened and what to do; callers print it without a stack trace.
 */
public class RunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message that names the problem and the fix. */
    public RunException(String message) {
        super(message);
    }

    /** A failure with a message and the underlying cause (kept for debugging, not shown to users). */
    public RunException(String message, Throwable cause) {
        super(message, cause);
    }
}

package spd.compiler.sweep;

import java.io.Serializable;

/**
 * What became of one point of a sweep where it ran: kept as it was (already finished), trained, resumed,
 * failed (with the reason), or stopped with the sweep (resumable). Small and serializable: a Spark task sends it back to the driver, which reads the
 * results themselves from the run directory.
 *
 * @param host the machine the point ran on
 * @param exitCode the exit code of the point's {@code spd run} (0 when nothing ran)
 * @param reason why it failed, in one line; empty otherwise
 * @param seconds the wall time of the point where it ran, process start included
 */
public record PointOutcome(Kind kind, String host, int exitCode, String reason, double seconds)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What happened to the point. */
    public enum Kind {
        ALREADY_DONE,
        TRAINED,
        RESUMED,
        FAILED,
        STOPPED
    }

    /** A point whose run the stopping sweep interrupted (Ctrl-C): it resumes when the sweep is run again. */
    public static PointOutcome stopped() {
        return new PointOutcome(Kind.STOPPED, "", -1, "", 0);
    }

    public boolean failed() {
        return kind == Kind.FAILED;
    }
}

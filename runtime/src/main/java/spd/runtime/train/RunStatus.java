package spd.runtime.train;

/** How a run ended (or that it is still going), as recorded in {@code summary.json}. */
public enum RunStatus {
    /** Training is in progress (or the process died without a chance to say otherwise). */
    RUNNING,
    /** Every declared epoch finished and the test set was evaluated. */
    COMPLETED,
    /** Stopped by Ctrl-C or a kill signal; resumable from the last checkpoint. */
    INTERRUPTED,
    /** Stopped because the loss or a weight became NaN or infinite; the last good checkpoint is kept. */
    DIVERGED,
    /**
     * Stopped because a file of the run directory could not be written (a full disk, lost permissions) or by an
     * internal error; the message names the file. The last checkpoint is kept and the run is resumable.
     */
    FAILED
}

package spd.runtime.train;

/**
 * A request, from another thread, that a run stop at its next step as if interrupted: set by the shutdown
 * hook on Ctrl-C or kill, or by whoever watches the process that started the run (a sweep). The run then
 * records itself as interrupted and stays resumable.
 */
public final class StopSignal {
    private volatile String reason;

    /** Asks the run to stop; the first reason given is kept. */
    public synchronized void request(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    /** Whether a stop was requested. */
    public boolean requested() {
        return reason != null;
    }

    /** Why the run was asked to stop, or null. */
    public String reason() {
        return reason;
    }
}

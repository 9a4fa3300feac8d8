package spd.runtime.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C or a kill signal into a stop request for as long as a run holds its directory: the JVM's
 * shutdown waits (up to {@value #WAIT_SECONDS} s) until the run has recorded that it was interrupted. Held
 * from the moment the directory is locked, so that a signal during data loading is not lost either.
 */
final class ShutdownGuard implements AutoCloseable {
    private static final int WAIT_SECONDS = 30;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    ShutdownGuard(StopSignal stop) {
        hook = new Thread(
                () -> {
                    stop.request("stopped by a signal");
                    try {
                        finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "spd-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run has written what it had to: let the shutdown proceed, and stop listening. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already shutting down and the hook is running; nothing to remove.
        }
    }
}

package spd.compiler.cli;

import java.io.IOException;
import java.io.InputStream;
import spd.runtime.train.StopSignal;

/**
 * Stops a run whose parent process is gone. A sweep starts each run as a child process; if the sweep is
 * killed outright ({@code kill -9}), nothing tells the child, which would go on writing as an orphan. So the
 * sweep holds the write end of the child's standard input and never writes to it: the operating system
 * closes it when the sweep dies, however it dies, and the child, reading end-of-file, stops itself,
 * resumably, as if interrupted. (Watching the parent's pid instead is unreliable: the JDK's
 * {@code ProcessHandle.onExit} of a process that is not a child polls it and can report it gone while it runs.)
 */
final class ParentWatch {
    private ParentWatch() {}

    /** Requests {@code stop} once {@code parentPipe} reaches end-of-file (or fails). */
    static void stopWhenClosed(InputStream parentPipe, StopSignal stop) {
        Thread watch = new Thread(
                () -> {
                    try {
                        while (parentPipe.read() >= 0) {
                            // The sweep never writes; anything read is ignored.
                        }
                    } catch (IOException e) {
                        // A broken pipe means the same: the sweep is gone.
                    }
                    stop.request("the sweep that started it has ended");
                },
                "spd-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}

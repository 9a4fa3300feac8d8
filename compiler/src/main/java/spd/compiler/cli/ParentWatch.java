package spd.compiler.cli;

import java.util.Optional;
import spd.runtime.train.StopSignal;

/**
 * Stops a run whose parent process is gone. A sweep starts each run as a child process; if the sweep is
 * killed outright ({@code kill -9}), nothing tells the child, which would go on writing as an orphan. The
 * child watches the sweep's pid instead and stops itself, resumably, as if interrupted.
 */
final class ParentWatch {
  private ParentWatch() {}

  /** Requests {@code stop} as soon as process {@code pid} has exited (at once when it already has). */
  static void stopWhenGone(long pid, StopSignal stop) {
    String reason = "the sweep that started it (pid %d) has ended".formatted(pid);
    Optional<ProcessHandle> parent = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (parent.isEmpty()) {
      stop.request(reason);
      return;
    }
    parent.get().onExit().thenRun(() -> stop.request(reason));
  }
}

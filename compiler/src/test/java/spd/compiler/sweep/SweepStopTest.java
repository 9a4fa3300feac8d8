package spd.compiler.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.compiler.testing.Project;

/**
 * Issue 15: killing a sweep must not leave its runs writing as orphans. A sweep killed outright (SIGKILL)
 * cannot stop its children, so each child watches the sweep and stops itself; a sweep stopped politely
 * (SIGTERM, Ctrl-C) stops its children and waits for them. Either way the run is recorded as interrupted,
 * and the next sweep resumes it.
 */
class SweepStopTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  Path directory;

  private Process startSweep(Path out, Path log) throws Exception {
    List<String> command = new ArrayList<>(SweepRunner.JavaCommand.current());
    command.addAll(List.of("sweep", Project.examples().resolve("linear_adadrop.spd").toString(), "--epochs", "5000",
        "--out", out.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Waits until the sweep runs a child and {@code ready} holds; returns the child's process. */
  private static ProcessHandle runningChild(Process sweep, Path log, java.util.function.BooleanSupplier ready)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline && sweep.isAlive()) {
      List<ProcessHandle> children = sweep.toHandle().children().toList();
      if (!children.isEmpty() && ready.getAsBoolean()) {
        assertEquals(1, children.size(), "one run at a time");
        return children.getFirst();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the sweep ran no child in time:\n" + read(log));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "(" + e + ")";
    }
  }

  private static JsonNode summary(Path point) throws Exception {
    return JSON.readTree(point.resolve("summary.json").toFile());
  }

  @Test
  void aKilledSweepLeavesNoRunWritingAndTheNextSweepResumesIt() throws Exception {
    Path out = directory.resolve("sweep");
    Path point = out.resolve("linear_adadrop/defaults/seed-7");
    Process sweep = startSweep(out, directory.resolve("sweep1.log"));
    ProcessHandle child = runningChild(sweep, directory.resolve("sweep1.log"),
        () -> Files.exists(point.resolve("checkpoint.bin")));
    sweep.destroyForcibly(); // SIGKILL: the sweep cannot tell its run anything
    assertTrue(sweep.waitFor(1, TimeUnit.MINUTES));
    child.onExit().get(1, TimeUnit.MINUTES);
    assertFalse(child.isAlive(), "the orphaned run stopped itself");
    assertEquals("interrupted", summary(point).get("status").asText());
    assertTrue(summary(point).get("message").asText().contains("the sweep that started it"), summary(point).toString());
    int trained = summary(point).get("epochs_completed").asInt();

    // The next sweep resumes the run; stopping that sweep politely stops the run too, and it records so.
    Process again = startSweep(out, directory.resolve("sweep2.log"));
    ProcessHandle resumed = runningChild(again, directory.resolve("sweep2.log"), () -> true);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (summary(point).get("epochs_completed").asInt() <= trained) {
      assertTrue(System.nanoTime() < deadline, "the resumed run trains on: " + read(directory.resolve("sweep2.log")));
      Thread.sleep(50);
    }
    again.destroy(); // SIGTERM
    assertTrue(again.waitFor(2, TimeUnit.MINUTES), Files.readString(directory.resolve("sweep2.log")));
    assertFalse(resumed.isAlive(), "the sweep waited for its run");
    assertEquals("interrupted", summary(point).get("status").asText());
    assertTrue(summary(point).get("epochs_completed").asInt() > trained, "the second sweep resumed the run");
    assertTrue(Files.readString(out.resolve("linear_adadrop/defaults/seed-7.log")).contains("epoch "),
        "the run's log, one line per epoch, is beside its directory");
  }
}

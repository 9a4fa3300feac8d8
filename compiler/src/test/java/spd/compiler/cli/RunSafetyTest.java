package spd.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.compiler.testing.Project;

/** Issue 15's run-side reproducers through the command line: every run ends, with its message. */
class RunSafetyTest {
  @TempDir
  Path directory;

  static String resource(String name) {
    return Project.root().resolve("compiler/src/test/resources/runs").resolve(name).toString();
  }

  @Test
  void aDivergingRunStopsWithItsMessageInsteadOfSpinningOnItsPlots() throws Exception {
    Path run = directory.resolve("run");
    Console console = assertTimeoutPreemptively(Duration.ofSeconds(90),
        () -> Console.spd("run", resource("diverging.spd"), "--out", run.toString(), "--quiet"));
    assertEquals(Main.USER_ERROR, console.status(), console.err());
    assertTrue(console.out().contains("spd: stopped: training diverged at epoch 3"), console.out());
    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertEquals("diverged", summary.get("status").asText());
    assertEquals(2, summary.get("epochs_completed").asInt());
  }
}

package spd.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code spd sweep} on the compiler's own class path, where the Spark engine (module spark/) is not. */
class SweepCommandTest {
    @Test
    void withoutTheEngineOnTheClassPathTheSweepNamesTheLauncher() {
        Console console = Console.spd("sweep", "examples/linear_lasso.spd", "--epochs", "1");
        assertEquals(Main.USER_ERROR, console.status());
        assertTrue(console.err().contains("./spd sweep"), console.err());
    }
}

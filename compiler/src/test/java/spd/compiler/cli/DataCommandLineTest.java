package spd.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's data through the command line: bad files are user errors with the file, line and column. */
class DataCommandLineTest {
    private static final String EXPERIMENT = """
      experiment table {
        data csv "train.csv" { label "y", test "test.csv", classes 2 }
        network { input 2  dense 2  loss cross_entropy }
        train sgd(lr = 0.1) { epochs 1 }
      }
      """;

    @TempDir
    Path directory;

    @Test
    void aCsvWithABadCellStopsTheRunWithFileLineAndColumn() throws IOException {
        Files.writeString(directory.resolve("train.csv"), "a,b,y\n1,2,0\n3,oops,1\n");
        Files.writeString(directory.resolve("test.csv"), "a,b,y\n1,2,0\n");
        Path source = Files.writeString(directory.resolve("table.spd"), EXPERIMENT);
        assertEquals(0, Main.execute("check", source.toString()), "the header and first row are fine");
        String err = captureErr(() -> assertEquals(
                Main.USER_ERROR,
                Main.execute(
                        "run",
                        source.toString(),
                        "--out",
                        directory.resolve("run").toString(),
                        "--quiet")));
        assertTrue(
                err.contains(directory.resolve("train.csv") + ", line 3, column 2 ('b'): 'oops' is not a number"), err);
        assertFalse(err.contains("Exception"), "no stack trace: " + err);
    }

    @Test
    void aMissingDataFileIsADiagnosticAtCheckTime() throws IOException {
        Path source = Files.writeString(directory.resolve("table.spd"), EXPERIMENT);
        String err = captureErr(() -> assertEquals(Main.USER_ERROR, Main.execute("check", source.toString())));
        assertTrue(err.contains("error[E0601]: no such data file train.csv"), err);
    }

    @Test
    void exportOfADirectoryThatIsNotARunIsAUserError() {
        String err = captureErr(() -> assertEquals(
                Main.USER_ERROR,
                Main.execute(
                        "export",
                        directory.toString(),
                        "-o",
                        directory.resolve("m.npz").toString())));
        assertTrue(err.contains("holds no generated .java file"), err);
    }

    private static String captureErr(Runnable command) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true));
        try {
            command.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString();
    }
}

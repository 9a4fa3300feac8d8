package spd.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import spd.compiler.testing.Project;

/** {@code spd bench} times code generated from .spd files and names the file of every row. */
class BenchCommandTest {
    @Test
    void everyRowNamesTheSpdFileItWasGeneratedFrom() {
        String lasso = Project.examples().resolve("linear_lasso.spd").toString();
        String scad = Project.examples().resolve("scad_penalty.spd").toString();
        String figure = Project.examples().resolve("figure1.spd").toString();
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true));
        int status;
        try {
            status = Main.execute("bench", "--steps", "3", "--blocks", "1", "--skip-compiler", lasso, scad, figure);
        } finally {
            System.setOut(original);
        }
        String report = bytes.toString();
        assertEquals(0, status, report);
        assertTrue(report.contains("| " + lasso + " | tikhonov | 100 |"), report);
        assertTrue(report.contains("| " + scad + " | penalty | 20 |"), report);
        assertTrue(!report.contains(figure), "figure1.spd declares nothing trainable: " + report);
    }

    @Test
    void aFileWithErrorsIsAUserError() {
        String broken = Project.examples().resolve("errors/unknown_name.spd").toString();
        assertEquals(
                Main.USER_ERROR, Main.execute("bench", "--steps", "1", "--blocks", "1", "--skip-compiler", broken));
    }
}

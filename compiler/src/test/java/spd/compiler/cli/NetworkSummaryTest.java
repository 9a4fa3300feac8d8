package spd.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import spd.compiler.driver.Frontend;
import spd.compiler.driver.FrontendResult;
import spd.compiler.testing.Golden;
import spd.compiler.testing.Project;

/** {@code spd check --summary}: the layer table of the LeNet-5 examples, shapes and counts as in the papers. */
class NetworkSummaryTest {
    private static String summaryOf(String example) {
        Path file = Project.examples().resolve(example);
        FrontendResult result = Frontend.run(file, Project.displayName(file));
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        result.experiments().forEach(e -> NetworkSummary.print(e, out));
        out.flush();
        return text.toString();
    }

    @Test
    void lenet5WithPerLayerConstantsMatchesItsGolden() {
        Golden.assertMatches(
                Project.golden("summary").resolve("lenet5_hard_concrete.txt"), summaryOf("lenet5/hard_concrete.spd"));
    }

    @Test
    void lenet5CaffeHas430500WeightsAnd580Biases() {
        String summary = summaryOf("lenet5/plain.spd");
        assertEquals(
                1,
                summary.lines()
                        .filter(l -> l.matches("\\s*total\\s+430,500\\s+580"))
                        .count(),
                summary);
    }

    @Test
    void aDenseNetworkOnMnistKeepsItsVectorInput() {
        String summary = summaryOf("plain_lenet.spd");
        assertEquals(
                1, summary.lines().filter(l -> l.matches("\\s*input\\s+784")).count(), summary);
    }

    @Test
    void theCommandPrintsTheSummaryAndExitsZero() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true));
        try {
            assertEquals(
                    0,
                    Main.execute(
                            "check",
                            "--summary",
                            Project.examples().resolve("lenet5/plain.spd").toString()));
        } finally {
            System.setOut(original);
        }
        String printed = bytes.toString();
        assertTrue(printed.startsWith("lenet5_plain ("), printed);
        assertTrue(
                printed.contains(summaryOf("lenet5/plain.spd")
                        .lines()
                        .skip(1)
                        .findFirst()
                        .orElseThrow()),
                "the layer table's header line: " + printed);
        assertEquals(
                1,
                printed.lines()
                        .filter(l -> l.matches("\\s*total\\s+430,500\\s+580"))
                        .count(),
                printed);
    }
}

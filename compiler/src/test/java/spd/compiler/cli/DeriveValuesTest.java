package spd.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.compiler.testing.Project;

/**
 * spd derive prints numbers: every example, at points from 0 to 100, has a value or says why it has none (never NaN),
 * the paper's eta-trick examples derive their slope and threshold, and --compare --format json prints Figure 1's
 * numbers.
 */
class DeriveValuesTest {
    @TempDir
    Path directory;

    private JsonNode derive(String... files) throws Exception {
        List<String> args = new ArrayList<>(
                List.of("derive", "--format", "json", "--at", "0,0.01,0.1,1,3,100", "-o", directory.toString()));
        args.addAll(List.of(files));
        return json(args);
    }

    private static JsonNode json(List<String> args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true));
        try {
            assertEquals(0, Main.execute(args.toArray(String[]::new)));
        } finally {
            System.setOut(original);
        }
        return new ObjectMapper().readTree(bytes.toString());
    }

    @Test
    void everyExampleHasANumberOrAReasonAtEveryPoint() throws Exception {
        List<String> files =
                Project.validExamples().stream().map(Path::toString).toList();
        JsonNode derivations = derive(files.toArray(String[]::new));
        assertFalse(derivations.toString().toLowerCase().contains("nan"), "a NaN in spd derive's output");
        for (JsonNode d : derivations) {
            for (JsonNode at : d.get("at")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = at.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (field.getValue().isNull()) {
                        assertTrue(
                                at.has(field.getKey() + "Unavailable"),
                                d.get("experiment") + ": " + field.getKey() + " is null without a reason at " + at);
                    }
                }
            }
            for (JsonNode p : d.get("properties")) {
                assertFalse(p.get("statement").asText().contains("n/a"), d.get("experiment") + ": " + p);
            }
        }
    }

    @Test
    void paperEtaTrickExamplesDeriveTheLogSumPenaltyWithItsSlope() throws Exception {
        JsonNode derivations = derive(
                Project.examples().resolve("eta_trick_logsum.spd").toString(),
                Project.examples().resolve("paper/eta_trick.spd").toString());
        assertEquals(2, derivations.size());
        for (JsonNode d : derivations) {
            assertEquals(
                    "log(1 + |w|/eps)",
                    d.get("penalty").get("text").asText(),
                    d.get("experiment").asText());
            String slope = property(d, "slope-at-zero").get("statement").asText();
            assertEquals("slope at 0: c = lim t/eta_hat(t) = 1/eps = 0.5", slope);
            assertEquals("symbolic", property(d, "slope-at-zero").get("method").asText());
            assertTrue(
                    property(d, "threshold").get("statement").asText().endsWith("lambda*(1/eps) = 0.0005"),
                    property(d, "threshold").toString());
            JsonNode atOne = d.get("at").get(3);
            assertEquals(Math.log(1.5), atOne.get("omega").asDouble(), 1e-15);
            assertEquals(3, atOne.get("etaHat").asDouble(), 1e-14);
        }
    }

    @Test
    void compareInJsonPrintsTheNumbersBehindBothPanelsOfFigureOne() throws Exception {
        JsonNode root = json(List.of(
                "derive",
                "--compare",
                "--format",
                "json",
                Project.examples().resolve("figure1.spd").toString()));
        assertEquals(6, root.get("derivations").size());
        assertFalse(root.toString().toLowerCase().contains("nan"), "a NaN in the comparison");
        JsonNode panels = root.get("compare").get("panels");
        assertEquals(2, panels.size());
        JsonNode scalar = panels.get(0);
        assertEquals("|w|", scalar.get("x").asText());
        // every separable penalty (not the L0 constraint), at 100 points from 0.01 to 5, 0 at the first
        assertEquals(5, scalar.get("series").size());
        JsonNode logsum = series(scalar, "logsum (lambda = 2)");
        JsonNode points = logsum.get("points");
        assertEquals(100, points.size());
        assertEquals(0, points.get(0).get("y").asDouble(), 0);
        assertEquals(5, points.get(99).get("x").asDouble(), 1e-12);
        assertEquals(
                2 * (Math.log(1 + 5 / 2.0) - Math.log(1 + 0.01 / 2)),
                points.get(99).get("y").asDouble(),
                1e-12);
        JsonNode vector = panels.get(1);
        JsonNode constraint = series(vector, "hard_thresh = HardThresh(16)");
        assertTrue(constraint.get("constraint").asBoolean());
        assertEquals(0, constraint.get("points").get(16).get("y").asDouble(), 0);
        assertEquals(100, constraint.get("points").get(17).get("y").asDouble(), 0);
    }

    private static JsonNode series(JsonNode panel, String name) {
        for (JsonNode s : panel.get("series")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no series " + name + " in " + panel);
    }

    private static JsonNode property(JsonNode d, String name) {
        for (JsonNode p : d.get("properties")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no property " + name + " in " + d.get("experiment"));
    }
}

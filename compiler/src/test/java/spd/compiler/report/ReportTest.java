package spd.compiler.report;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import spd.compiler.driver.Frontend;
import spd.compiler.driver.FrontendResult;
import spd.compiler.penalty.Derivation;
import spd.compiler.penalty.DerivationInputs;
import spd.compiler.penalty.Inputs;
import spd.compiler.penalty.PenaltyDeriver;
import spd.compiler.penalty.Rule;
import spd.compiler.penalty.StageRecord;
import spd.compiler.testing.Expressions;
import spd.compiler.testing.Golden;
import spd.compiler.testing.Project;

/**
 * The report surfaces: the golden report of every example, derived through the front end as {@code spd derive} does
 * (regenerate with {@code -Dspd.golden.update=true}), the files the writer produces, JSON and the --at table.
 */
class ReportTest {
    static Stream<Path> examples() {
        return Project.validExamples().stream();
    }

    /** The derivation of every experiment of an example file, as {@code spd derive} makes them. */
    static List<Derivation> derive(Path example) {
        FrontendResult result = Frontend.run(example, Project.displayName(example));
        assertTrue(
                result.diagnostics().isEmpty(),
                example + ": " + result.diagnostics().sorted());
        return result.experiments().stream()
                .map(e -> PenaltyDeriver.derive(DerivationInputs.of(e)))
                .toList();
    }

    /** examples/adadrop_logsum.spd: adaptive Bernoulli dropout with the log-sum reweighting. */
    static Derivation adaptiveDropout() {
        return derive(Project.examples().resolve("adadrop_logsum.spd")).getFirst();
    }

    static Derivation scad() {
        return PenaltyDeriver.derive(Inputs.of(
                "scad",
                new Rule.EtaRule(
                        Expressions.parse(
                                "piecewise { |w| if |w| < lambda, (a - 1)*lambda*|w|/(a*lambda - |w|) if |w| <= a*lambda, inf otherwise }")),
                "a",
                "3.7",
                "lambda",
                "1"));
    }

    static Derivation variationalDropout() {
        return PenaltyDeriver.derive(
                Inputs.of("vardrop", new Rule.VariationalDropout(Rule.KlForm.EXACT), "lambda", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleReportShowsEveryStageAndMatchesItsGolden(Path example) {
        assertAll(derive(example).stream().map(d -> (Executable) () -> checkReport(example, d)));
    }

    private static void checkReport(Path example, Derivation d) {
        String markdown = ReportWriter.markdown(d);
        assertEquals(
                PenaltyDeriver.stageIds(),
                d.stages().stream().map(StageRecord::id).toList());
        for (int k = 0; k < d.stages().size(); k++) {
            String heading = "### " + (k + 1) + ". " + d.stages().get(k).title();
            assertTrue(markdown.contains(heading + "\n"), "no heading '" + heading + "' in\n" + markdown);
        }
        Path golden = Project.golden("reports")
                .resolve(Project.relativeName(example).replace(".spd", ""))
                .resolve(d.input().experimentName() + ".md");
        Golden.assertMatches(golden, markdown);
    }

    @Test
    void logSumReportShowsItsSteps() {
        String md = ReportWriter.markdown(adaptiveDropout());
        assertTrue(md.contains("\\log\\left(1 + \\frac{\\left|w\\right|}{\\varepsilon}\\right)"), md);
        for (String rule :
                List.of("[mask-variance]", "[envelope]", "[integrate]", "[cancel]", "log-rule", "[log-combine]")) {
            assertTrue(md.contains(rule), "missing step " + rule);
        }
        assertTrue(md.contains("`eta(w) = |w| * (|w| + eps)` (line 15)"), md);
        assertTrue(md.contains("**equals** the log-sum penalty"), md);
    }

    @Test
    void writerProducesMarkdownTexSvgAndPng(@TempDir Path dir) throws IOException {
        List<Path> files = ReportWriter.write(adaptiveDropout(), dir);
        assertEquals(
                List.of(
                        "lenet300_adadrop.penalty.md",
                        "lenet300_adadrop.penalty.tex",
                        "lenet300_adadrop.penalty.svg",
                        "lenet300_adadrop.penalty.png"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        String tex = Files.readString(dir.resolve("lenet300_adadrop.penalty.tex"));
        assertTrue(tex.startsWith("\\documentclass") && tex.strip().endsWith("\\end{document}"));
        String svg = Files.readString(dir.resolve("lenet300_adadrop.penalty.svg"));
        assertTrue(svg.startsWith("<svg") && svg.contains(">effective penalty</text>"), svg);
        assertTrue(svg.length() < 60_000, "a compact SVG: " + svg.length() + " characters");
        // Deterministic: the same derivation draws the same bytes.
        ReportWriter.write(adaptiveDropout(), dir.resolve("again"));
        assertEquals(svg, Files.readString(dir.resolve("again/lenet300_adadrop.penalty.svg")));
        byte[] png = Files.readAllBytes(dir.resolve("lenet300_adadrop.penalty.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertTrue(Files.readString(dir.resolve("lenet300_adadrop.penalty.md"))
                .contains("![lenet300_adadrop.penalty.svg](lenet300_adadrop.penalty.svg)"));
    }

    @Test
    void comparePlotOfSeveralExperiments(@TempDir Path dir) throws IOException {
        List<Path> files =
                ComparePlot.write(List.of(adaptiveDropout(), scad(), variationalDropout()), dir.resolve("figure1.svg"));
        assertEquals(2, files.size());
        String svg = Files.readString(dir.resolve("figure1.svg"));
        assertEquals(2 * 3, svg.split("<polyline").length - 1, "one curve per experiment in each of the two panels");
        assertTrue(svg.contains(">Vector penalty"), "the right panel of Figure 1");
        assertTrue(svg.contains(">vardrop (lambda = 1)</text>") && svg.contains(">scad (lambda = 1)</text>"), svg);
        assertTrue(Files.size(dir.resolve("figure1.png")) > 5_000);
    }

    @Test
    void jsonCarriesTheResultAndValuesAtPoints() throws IOException {
        JsonNode root = new ObjectMapper().readTree(Json.of(adaptiveDropout(), new double[] {0.1, 1, 3}));
        assertEquals("closed-form", root.get("penalty").get("kind").asText());
        assertEquals("log(1 + |w|/eps)", root.get("penalty").get("text").asText());
        assertEquals(3, root.get("at").size());
        JsonNode atOne = root.get("at").get(1);
        assertEquals(Math.log(1.5), atOne.get("omega").asDouble(), 1e-15);
        assertEquals(3, atOne.get("etaHat").asDouble(), 0);
        assertEquals(3 / 3.001, atOne.get("keep").asDouble(), 1e-15);
        assertTrue(root.get("properties").size() >= 6);
        JsonNode divergent = new ObjectMapper().readTree(Json.of(Inputs.eta("w^2", "lambda", "1"), new double[] {1}));
        assertEquals("divergent", divergent.get("penalty").get("kind").asText());
        assertEquals("inf", divergent.get("at").get(0).get("omega").asText());
    }

    @Test
    void atTableHasOneRowPerPoint() {
        String table = AtTable.text(adaptiveDropout(), new double[] {0.1, 1, 3});
        List<String> lines = table.lines().toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(2).startsWith("1 ") && lines.get(2).contains("0.4054651081"), table);
    }
}

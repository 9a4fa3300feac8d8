package spd.compiler.report;

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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.compiler.penalty.Derivation;
import spd.compiler.penalty.DerivationInput;
import spd.compiler.penalty.Inputs;
import spd.compiler.penalty.PenaltyDeriver;
import spd.compiler.penalty.Quote;
import spd.compiler.penalty.Rule;
import spd.compiler.testing.Expressions;

/**
 * The report surfaces: golden Markdown reports (regenerate with {@code -Dspd.golden.update=true}), the files the writer
 * produces, JSON and the --at table.
 */
class ReportTest {
  private static final Path GOLDEN = Path.of(System.getProperty("spd.root", ".."),
      "compiler/src/test/resources/penalty/golden");

  static Derivation adaptiveDropout() {
    return PenaltyDeriver.derive(new DerivationInput("lenet300_adadrop", "examples/adadrop_logsum.spd",
        new Rule.KeepRule(Rule.MaskKind.BERNOULLI, Expressions.parse("eta/(eta + lambda)"),
            Optional.of(Expressions.parse("|w|*(|w| + eps)")), Optional.empty(), false),
        Inputs.constants("lambda", "1e-3", "eps", "2"), "lambda",
        List.of(new Quote("reweighting", 12, "  eta(w) = |w| * (|w| + eps)"),
            new Quote("mask", 13, "  mask bernoulli { keep = eta / (eta + lambda) }"))));
  }

  static Derivation scad() {
    return PenaltyDeriver.derive(Inputs.of("scad", new Rule.EtaRule(Expressions.parse(
        "piecewise { |w| if |w| < lambda, (a - 1)*lambda*|w|/(a*lambda - |w|) if |w| <= a*lambda, inf otherwise }")),
        "a", "3.7", "lambda", "1"));
  }

  static Derivation variationalDropout() {
    return PenaltyDeriver.derive(Inputs.of("vardrop", new Rule.VariationalDropout(Rule.KlForm.EXACT), "lambda", "1"));
  }

  private static void assertGolden(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("spd.golden.update") || !Files.exists(file)) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, actual);
    }
    assertEquals(Files.readString(file), actual, name + " differs from its golden file; if the change is intended,"
        + " rerun with -Dspd.golden.update=true and review the diff");
  }

  @Test
  void goldenReports() throws IOException {
    assertGolden("adadrop_logsum.md", ReportWriter.markdown(adaptiveDropout()));
    assertGolden("scad.md", ReportWriter.markdown(scad()));
    assertGolden("vardrop.md", ReportWriter.markdown(variationalDropout()));
    assertGolden("divergent.md", ReportWriter.markdown(Inputs.eta("cosh(w) - 1", "lambda", "1")));
  }

  @Test
  void logSumReportShowsItsSteps() {
    String md = ReportWriter.markdown(adaptiveDropout());
    assertTrue(md.contains("\\log\\left(1 + \\frac{\\left|w\\right|}{\\varepsilon}\\right)"), md);
    for (String rule : List.of("[mask-variance]", "[envelope]", "[integrate]", "[cancel]", "log-rule",
        "[log-combine]")) {
      assertTrue(md.contains(rule), "missing step " + rule);
    }
    assertTrue(md.contains("`eta(w) = |w| * (|w| + eps)` (line 12)"), md);
    assertTrue(md.contains("**equals** the log-sum penalty"), md);
  }

  @Test
  void writerProducesMarkdownTexSvgAndPng(@TempDir Path dir) throws IOException {
    List<Path> files = ReportWriter.write(adaptiveDropout(), dir);
    assertEquals(List.of("lenet300_adadrop.penalty.md", "lenet300_adadrop.penalty.tex",
        "lenet300_adadrop.penalty.svg", "lenet300_adadrop.penalty.png"),
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
    assertTrue(Files.readString(dir.resolve("lenet300_adadrop.penalty.md")).contains(
        "![lenet300_adadrop.penalty.svg](lenet300_adadrop.penalty.svg)"));
  }

  @Test
  void comparePlotOfSeveralExperiments(@TempDir Path dir) throws IOException {
    List<Path> files = ComparePlot.write(List.of(adaptiveDropout(), scad(), variationalDropout()),
        dir.resolve("figure1.svg"));
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

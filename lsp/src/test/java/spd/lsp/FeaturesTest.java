package spd.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spd.compiler.lang.Schemas;

/** Hover, completion, definitions and symbols, each asked through a real LSP session on the repository's examples. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeaturesTest {
    private LspSession session;

    @BeforeAll
    void startServer() throws Exception {
        session = new LspSession();
    }

    @AfterAll
    void stopServer() throws Exception {
        session.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"adadrop_logsum.spd", "adatikhonov_logsum.spd", "gaussian_logsum.spd", "logsum_penalty.spd"})
    void hoverOnTheMaskOrPenaltyOfALogSumExampleShowsTheLogSumPenalty(String name) throws Exception {
        String hover = hoverOnFirstMaskOrPenalty(name);
        assertTrue(hover.contains("Omega(w) = log(1 + |w|/eps)` (closed form)"), name + ": " + hover);
        assertTrue(hover.contains("sparsity-inducing: yes"), name + ": " + hover);
    }

    @Test
    void hoverOnTheEtaTrickOfTheLogSumDualNamesTheLogSumPenalty() throws Exception {
        // The eta-trick's Omega is numeric (Brent's method on the dual); the classical match names it.
        String hover = hoverOnFirstMaskOrPenalty("eta_trick_logsum.spd");
        assertTrue(hover.contains("classical: log-sum, `log(1 + |w|/eps) with eps = 2`"), hover);
    }

    @Test
    void hoverOnFixedDropoutSaysItIsNotSparsityInducing() throws Exception {
        String hover = hoverOnFirstMaskOrPenalty("fixed_dropout.spd");
        assertTrue(hover.contains("sparsity: not sparsity-inducing"), hover);
        assertFalse(hover.contains("sparsity-inducing: yes"), hover);
    }

    private String hoverOnFirstMaskOrPenalty(String name) throws Exception {
        Path file = Examples.root().resolve("examples").resolve(name);
        String uri = LspSession.uri(file);
        session.open(file);
        int line = lineOfFirst(file, "  mask ", "  penalty ");
        String hover = markdown(session.hover(uri, line, 4));
        session.close(uri);
        return hover;
    }

    @Test
    void hoverOnTheEtaRuleShowsItsPenaltyAndKeepProbability() throws Exception {
        Path file = Examples.root().resolve("examples/adadrop_logsum.spd");
        String uri = LspSession.uri(file);
        session.open(file);
        String hover = markdown(session.hover(uri, Examples.lineOf(file, "eta(w) ="), 3));
        session.close(uri);
        assertTrue(hover.contains("Omega(w) = log(1 + |w|/eps)"), hover);
        assertTrue(hover.contains("keep probability: `|w|*(|w| + eps)/(eps*|w| + w^2 + lambda)`"), hover);
    }

    @Test
    void anErrorInAnotherExperimentDoesNotStopTheDerivation() throws Exception {
        String uri = "untitled:two-experiments.spd";
        String text = "experiment good {\n  let lambda = 1e-3\n  let eps = 2\n  eta(w) = |w| * (|w| + eps)\n}\n"
                + "experiment bad {\n  eta(w) = |w| * epsilon\n}\n";
        List<org.eclipse.lsp4j.PublishDiagnosticsParams> published = session.open(uri, text);
        String good = markdown(session.hover(uri, 3, 3));
        String bad = markdown(session.hover(uri, 6, 3));
        session.close(uri);
        assertEquals(1, published.get(published.size() - 1).getDiagnostics().size(), published.toString());
        assertTrue(good.contains("Omega(w) = log(1 + |w|/eps)"), good);
        assertTrue(bad.contains("check without errors"), bad);
    }

    @Test
    void hoverOnAStandardLibraryRuleShowsItsParametersAndPenalty() throws Exception {
        Path file = Examples.root().resolve("examples/adatikhonov_logsum.spd");
        String uri = LspSession.uri(file);
        session.open(file);
        int line = Examples.lineOf(file, "eta = logsum(");
        String hover = markdown(
                session.hover(uri, line, Files.readAllLines(file).get(line).indexOf("logsum") + 2));
        session.close(uri);
        assertTrue(hover.contains("rule logsum(eps)` from the standard library"), hover);
        assertTrue(hover.contains("omega(w) = log(1 + |w| / eps)"), hover);
    }

    @Test
    void hoverOnALayerShowsItsShapeAndWeightCount() throws Exception {
        Path file = Examples.root().resolve("examples/adadrop_logsum.spd");
        String uri = LspSession.uri(file);
        session.open(file);
        String hover = markdown(session.hover(uri, Examples.lineOf(file, "dense 300 relu"), 6));
        session.close(uri);
        assertTrue(hover.contains("dense layer `fc1`: 784 → 300"), hover);
        assertTrue(hover.contains("235,200 weights (784 × 300)"), hover);
    }

    @Test
    void completionAfterMaskListsTheMaskKinds() throws Exception {
        String uri = "untitled:completion-mask.spd";
        session.open(uri, "experiment e {\n  let lambda = 1e-3\n  mask \n}\n");
        List<CompletionItem> items = session.complete(uri, 2, 7);
        session.close(uri);
        assertEquals(Schemas.MASKS.keySet(), labels(items));
    }

    @Test
    void completionInAMaskBlockListsItsSettings() throws Exception {
        String uri = "untitled:completion-settings.spd";
        session.open(uri, "experiment e {\n  mask magnitude { target 0.9, \n}\n");
        Set<String> labels = labels(session.complete(uri, 1, 30));
        session.close(uri);
        assertEquals(Schemas.MASKS.get("magnitude").settings().keySet(), labels);
    }

    @Test
    void completionAfterOnListsTheLayersAndInExpressionsTheConstants() throws Exception {
        Path file = Examples.root().resolve("examples/adadrop_logsum.spd");
        String uri = LspSession.uri(file);
        String text = Files.readString(file).replace("prune keep < 0.05", "prune keep < 0.05 on ");
        session.open(uri, text);
        int line = Examples.lineOf(file, "prune keep < 0.05");
        Set<String> layers = labels(
                session.complete(uri, line, text.lines().toList().get(line).indexOf(" on ") + 4));
        int maskLine = Examples.lineOf(file, "mask bernoulli");
        int column = text.lines().toList().get(maskLine).indexOf("eta + lambda") + "eta + ".length();
        Set<String> names = labels(session.complete(uri, maskLine, column));
        session.close(uri);
        assertEquals(Set.of("fc1", "fc2", "fc3"), layers);
        assertTrue(names.containsAll(Set.of("lambda", "eps", "w", "eta", "log")), names.toString());
    }

    @Test
    void completionAfterEtaEqualsOffersRulesWithTheirParameters() throws Exception {
        String uri = "untitled:completion-rules.spd";
        session.open(uri, "import std\nexperiment e {\n  let lambda = 1e-3\n  eta = \n}\n");
        List<CompletionItem> items = session.complete(uri, 3, 8);
        session.close(uri);
        CompletionItem logsum = items.stream()
                .filter(i -> i.getLabel().equals("logsum"))
                .findFirst()
                .orElseThrow();
        assertEquals("logsum(eps: ${1:eps})", logsum.getInsertText());
        assertFalse(labels(items).contains("vardrop"), "vardrop has no eta rule");
    }

    @Test
    void aClientWithoutSnippetsGetsPlainTextToInsert() throws Exception {
        try (LspSession plain = new LspSession(new SpdLanguageServer(LspSession.TIMEOUT), false)) {
            String uri = "untitled:completion-plain.spd";
            plain.open(uri, "import std\nexperiment e {\n  let lambda = 1e-3\n  eta = \n}\n");
            CompletionItem logsum = plain.complete(uri, 3, 8).stream()
                    .filter(i -> i.getLabel().equals("logsum"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("logsum(eps: eps)", logsum.getInsertText());
            assertEquals(org.eclipse.lsp4j.InsertTextFormat.PlainText, logsum.getInsertTextFormat());
        }
    }

    @Test
    void definitionOfLogsumLandsInTheStandardLibrary() throws Exception {
        Path file = Examples.root().resolve("examples/adatikhonov_logsum.spd");
        String uri = LspSession.uri(file);
        session.open(file);
        int line = Examples.lineOf(file, "eta = logsum(");
        List<? extends Location> locations =
                session.definition(uri, line, Files.readAllLines(file).get(line).indexOf("logsum") + 1);
        session.close(uri);
        assertEquals(1, locations.size(), locations.toString());
        Location location = locations.get(0);
        Path target = Path.of(URI.create(location.getUri()));
        assertTrue(target.getFileName().toString().startsWith("std"), target.toString());
        String declared =
                Files.readAllLines(target).get(location.getRange().getStart().getLine());
        assertTrue(declared.startsWith("rule logsum(eps)"), declared);
        assertEquals("rule ".length(), location.getRange().getStart().getCharacter());
    }

    @Test
    void definitionOfAConstantLandsOnItsLet() throws Exception {
        Path file = Examples.root().resolve("examples/adadrop_logsum.spd");
        String uri = LspSession.uri(file);
        session.open(file);
        int line = Examples.lineOf(file, "eta(w) = |w| * (|w| + eps)");
        List<? extends Location> locations =
                session.definition(uri, line, Files.readAllLines(file).get(line).indexOf("eps"));
        session.close(uri);
        assertEquals(
                List.of(Examples.lineOf(file, "let eps = 2")),
                locations.stream().map(l -> l.getRange().getStart().getLine()).toList());
    }

    @Test
    void symbolsAreTheExperimentsRulesAndLayers() throws Exception {
        Path file = Examples.root().resolve("examples/adadrop_logsum.spd");
        String uri = LspSession.uri(file);
        session.open(file);
        List<DocumentSymbol> symbols = session.symbols(uri);
        session.close(uri);
        assertEquals(
                List.of("lenet300_adadrop"),
                symbols.stream().map(DocumentSymbol::getName).toList());
        List<String> children = symbols.get(0).getChildren().stream()
                .map(DocumentSymbol::getName)
                .toList();
        assertTrue(
                children.containsAll(List.of("network", "lambda", "eps", "eta(w)", "mask bernoulli")),
                children.toString());
        DocumentSymbol network = symbols.get(0).getChildren().stream()
                .filter(s -> s.getName().equals("network"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of("fc1", "fc2", "fc3"),
                network.getChildren().stream().map(DocumentSymbol::getName).toList());
    }

    private static int lineOfFirst(Path file, String... prefixes) throws java.io.IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            for (String prefix : prefixes) {
                if (lines.get(i).startsWith(prefix)) {
                    return i;
                }
            }
        }
        throw new AssertionError(file + " has no mask or penalty");
    }

    private static String markdown(Hover hover) {
        assertNotNull(hover, "no hover");
        return hover.getContents().getRight().getValue();
    }

    private static Set<String> labels(List<CompletionItem> items) {
        return items.stream()
                .map(CompletionItem::getLabel)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}

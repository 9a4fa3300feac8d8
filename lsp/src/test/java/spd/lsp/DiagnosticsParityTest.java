package spd.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of {@code examples/errors} opened through a real LSP session gets exactly the diagnostics that
 * {@code spd check --format json} prints for it: same files, codes, severities, spans, messages and help.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiagnosticsParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LspSession session;

    @BeforeAll
    void startServer() throws Exception {
        session = new LspSession();
    }

    @AfterAll
    void stopServer() throws Exception {
        session.close();
    }

    static List<Path> errorExamples() throws java.io.IOException {
        List<Path> files = Examples.in("examples/errors");
        assertFalse(files.isEmpty(), "examples/errors has no .spd files");
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorExamples")
    void openingAnErrorExampleGivesTheDiagnosticsOfSpdCheck(Path file) throws Exception {
        List<String> expected = fromCheck(file);
        String uri = LspSession.uri(file);
        List<String> actual = fromServer(session.open(file));
        session.close(uri);
        assertFalse(expected.isEmpty(), file.getFileName() + " has no diagnostics: it is not an error example");
        assertEquals(expected, actual, "diagnostics of " + file.getFileName());
    }

    @Test
    void anImportedFileWithErrorsGetsItsDiagnosticsThere(@TempDir Path directory) throws Exception {
        Path rules = directory.resolve("rules.spd");
        Files.writeString(rules, "rule broken(eps) {\n  eta(w) = |w| * \n}\n");
        Path main = directory.resolve("main.spd");
        Files.writeString(main, "import \"rules.spd\"\nexperiment e {\n  let lambda = 1e-3\n  eta(w) = |w|\n}\n");
        List<String> expected = fromCheck(main);
        List<PublishDiagnosticsParams> published = session.open(main);
        session.close(LspSession.uri(main));
        assertTrue(expected.stream().anyMatch(d -> d.startsWith(rules.toString() + ":")), expected.toString());
        assertEquals(expected, fromServer(published));
        assertTrue(
                published.stream()
                        .anyMatch(p -> p.getUri().equals(LspSession.uri(rules))
                                && !p.getDiagnostics().isEmpty()),
                "nothing published for " + rules);
    }

    /** What {@code spd check --format json FILE} prints, one line per diagnostic. */
    private static List<String> fromCheck(Path file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            spd.compiler.cli.Main.execute(
                    "check",
                    "--format",
                    "json",
                    file.toAbsolutePath().normalize().toString());
        } finally {
            System.setOut(original);
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode fileNode :
                JSON.readTree(out.toString(StandardCharsets.UTF_8)).get("files")) {
            for (JsonNode d : fileNode.get("diagnostics")) {
                List<String> help = new ArrayList<>();
                d.get("help").forEach(h -> help.add(h.asText()));
                lines.add(line(
                        d.get("file").asText(),
                        d.get("line").asInt(),
                        d.get("column").asInt(),
                        d.get("endLine").asInt(),
                        d.get("endColumn").asInt(),
                        d.get("severity").asText(),
                        d.get("code").asText(),
                        d.get("message").asText(),
                        help));
            }
        }
        return lines;
    }

    /** The diagnostics the server published, in the same form: every file's, in spd check's order. */
    private static List<String> fromServer(List<PublishDiagnosticsParams> publications) {
        Map<String, List<Diagnostic>> latest = new LinkedHashMap<>();
        publications.forEach(p -> latest.put(p.getUri(), p.getDiagnostics()));
        List<String> lines = new ArrayList<>();
        latest.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String file = Path.of(URI.create(entry.getKey())).toString();
            for (Diagnostic d : entry.getValue()) {
                String[] parts = d.getMessage().split(java.util.regex.Pattern.quote(LspDiagnostics.HELP_PREFIX), -1);
                lines.add(line(
                        file,
                        d.getRange().getStart().getLine() + 1,
                        d.getRange().getStart().getCharacter() + 1,
                        d.getRange().getEnd().getLine() + 1,
                        d.getRange().getEnd().getCharacter() + 1,
                        d.getSeverity() == DiagnosticSeverity.Error ? "error" : "warning",
                        d.getCode().getLeft(),
                        parts[0],
                        List.of(parts).subList(1, parts.length)));
                assertEquals("spd", d.getSource());
            }
        });
        return lines;
    }

    private static String line(
            String file,
            int line,
            int column,
            int endLine,
            int endColumn,
            String severity,
            String code,
            String message,
            List<String> help) {
        return file + ":" + line + ":" + column + "-" + endLine + ":" + endColumn + " " + severity + "[" + code + "] "
                + message + " help=" + help;
    }
}

package spd.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import spd.compiler.cli.Main;
import spd.compiler.diag.Diagnostic;
import spd.compiler.diag.DiagnosticRenderer;
import spd.compiler.testing.Golden;
import spd.compiler.testing.Project;

/**
 * The files of examples/errors carry their expected diagnostics inline, one comment per diagnostic on the
 * line it points to: {@code // error[E0101]: unknown name 'epz'}. The checker must report exactly those.
 */
class ErrorExamplesTest {
    private static final Pattern ANNOTATION =
            Pattern.compile("//\\s*((?:error|warning)\\[[A-Z0-9]+\\]: .*?)\\s*(?=//\\s*(?:error|warning)\\[|$)");

    static Stream<Path> errorExamples() {
        return Project.spdFiles(Project.examples().resolve("errors")).stream();
    }

    @Test
    void thereAreAtLeastFifteen() {
        assertFalse(errorExamples().count() < 15, "examples/errors needs at least 15 files");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorExamples")
    void reportsExactlyTheAnnotatedDiagnostics(Path example) throws IOException {
        List<String> expected = annotations(example);
        FrontendResult result = Frontend.run(example, Project.displayName(example));
        List<String> actual = result.diagnostics().sorted().stream()
                .map(ErrorExamplesTest::describe)
                .toList();
        assertFalse(expected.isEmpty(), example + " has no annotations");
        assertEquals(String.join("\n", expected), String.join("\n", actual), "diagnostics of " + example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorExamples")
    void rendersAsItsGoldenText(Path example) {
        FrontendResult result = Frontend.run(example, Project.displayName(example));
        String rendered = result.diagnostics().sorted().stream()
                .map(DiagnosticRenderer::render)
                .collect(Collectors.joining("\n"));
        String name = example.getFileName().toString().replace(".spd", ".txt");
        Golden.assertMatches(Project.golden("diagnostics").resolve(name), rendered);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorExamples")
    void checkExitsWithOne(Path example) {
        assertEquals(Main.USER_ERROR, Main.execute("check", "--format", "json", example.toString()));
    }

    private static String describe(Diagnostic d) {
        return d.span().line() + ": " + d.severity().label() + "[" + d.code().name() + "]: " + d.message();
    }

    private static List<String> annotations(Path file) throws IOException {
        List<String> expected = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = ANNOTATION.matcher(lines.get(i));
            while (matcher.find()) {
                expected.add((i + 1) + ": " + matcher.group(1));
            }
        }
        return expected;
    }
}

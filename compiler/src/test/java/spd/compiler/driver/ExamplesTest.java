package spd.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import spd.compiler.ast.AstPrinter;
import spd.compiler.diag.DiagnosticRenderer;
import spd.compiler.testing.Golden;
import spd.compiler.testing.Project;

/** Every example checks clean, builds a model, and parses to its golden AST. */
class ExamplesTest {

    static Stream<Path> examples() {
        return Project.validExamples().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void checksCleanAndBuildsAModel(Path example) {
        FrontendResult result = Frontend.run(example, Project.displayName(example));
        String rendered = result.diagnostics().sorted().stream()
                .map(DiagnosticRenderer::render)
                .collect(Collectors.joining("\n"));
        assertTrue(result.diagnostics().isEmpty(), "diagnostics for " + example + ":\n" + rendered);
        assertFalse(result.experiments().isEmpty(), "no experiment model built for " + example);
        assertEquals(
                result.ast().orElseThrow().experiments().size(),
                result.experiments().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void parsesToItsGoldenAst(Path example) {
        FrontendResult result = Frontend.run(example, Project.displayName(example));
        String name = Project.relativeName(example).replace(".spd", ".ast");
        Golden.assertMatches(
                Project.golden("ast").resolve(name),
                AstPrinter.print(result.ast().orElseThrow()));
    }
}

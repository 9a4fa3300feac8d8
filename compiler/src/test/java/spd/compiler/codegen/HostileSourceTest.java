package spd.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.compiler.driver.Frontend;
import spd.compiler.driver.FrontendResult;
import spd.compiler.model.Experiment;
import spd.compiler.source.SourceFile;
import spd.compiler.testing.GeneratedSourceAudit;

/**
 * The reproducers of issue 15 for generated code: whatever a {@code .spd} file says, its strings, comments, names
 * and numbers reach Java only as text javac reads as the file meant it, so the class compiles and runs no code the
 * file smuggled in.
 */
class HostileSourceTest {
    private static final String CANARY = "spdCanary";

    @TempDir
    Path directory;

    @Test
    void unicodeEscapesInAStringCannotInjectCode() throws CodegenException {
        String dir = "\\\\u000a static { System.setProperty(\\\"" + CANARY + "\\\", \\\"1\\\"); } \\\\u002f\\\\u002f";
        GeneratedClass generated = only(
                trainable("data mnist { dir \"" + dir + "\" }", "network { input 784 dense 10 loss cross_entropy }"));
        runsWithoutSideEffects(generated);
    }

    @Test
    void unicodeEscapesInACommentCannotInjectCode() throws CodegenException {
        String text = "// C:\\users\\underline and \\u000a static { System.setProperty(\"" + CANARY + "\", \"1\"); }\n"
                + "// @deprecated, */ and \\u002a/ are only words here\n"
                + experiment(
                        "unicode",
                        "let lambda = 1 /* \\u000a static { System.exit(43); } \\u002f\\u002f */",
                        "penalty omega(w) = |w| /* C:\\users */");
        runsWithoutSideEffects(only(generate(text, "comments.spd")));
    }

    @Test
    void aHostileFileNameIsOnlyText() throws CodegenException {
        String path = "dir\n*/ static { System.exit(43); } \\u000a @deprecated.spd";
        runsWithoutSideEffects(only(generate(experiment("named", "let lambda = 1"), path)));
    }

    @Test
    void namesThatDifferInCaseOrUnderscoresStayApart() throws CodegenException {
        GeneratedClass generated = only(trainable(
                "let fooBar = 1",
                "let foo_bar = 2",
                "let lambda = 3",
                "let LAMBDA = 0.5",
                "let _ = 5",
                "let __ = 6",
                "eta(w) = |w| * fooBar + foo_bar + _ + __",
                "mask bernoulli { keep = eta / (eta + LAMBDA) } on fc1(lambda = 4)",
                "prune keep < lambda / 10"));
        spd.runtime.Experiment declared = runsWithoutSideEffects(generated);
        assertEquals(
                Map.of("fooBar", 1.0, "foo_bar", 2.0, "lambda", 3.0, "LAMBDA", 0.5, "_", 5.0, "__", 6.0),
                declared.constants());
    }

    @Test
    void perLayerConstantsNeverMeetArraysOrTypesInAMethod() throws CodegenException {
        GeneratedClass generated = only(trainable(
                "let step = 0.5",
                "let Math = 2",
                "let math = 3",
                "let eta_ = 1",
                "eta(w) = |w| * Math + math * eta_",
                "mask prox { keep = eta / (eta + step * lr) } on fc1(step = 0.25, Math = 1, math = 2, eta_ = 3)"));
        runsWithoutSideEffects(generated);
    }

    @Test
    void experimentsNamedLikeJavaTypesDoNotShadowThem() throws CodegenException {
        Set<String> names = Set.of(
                "double",
                "math",
                "string",
                "object",
                "override",
                "spd_experiment",
                "transforms",
                "nd4j",
                "select",
                "indarray",
                "data_spec",
                "system");
        for (String name : names) {
            // Math.sqrt and Double.POSITIVE_INFINITY in the generated code would resolve to a class named Math or
            // Double.
            GeneratedClass generated = only(generate(
                    experiment(
                            name,
                            "network { input 5 dense 3 relu linear 1 loss squared }",
                            "let lambda = 1",
                            "eta(w) = piecewise { |w| if |w| < sqrt(lambda + 1), inf otherwise }",
                            "mask bernoulli { keep = eta / (eta + lambda) } on fc1",
                            "penalty omega(w) = sqrt(lambda + 2) * |w| on fc2"),
                    name + ".spd"));
            assertTrue(Character.isUpperCase(generated.simpleName().charAt(0)), generated.simpleName());
            runsWithoutSideEffects(generated);
        }
    }

    @Test
    void classNamesAreOneToOne() {
        List<String> names = List.of(
                "foo_bar",
                "fooBar",
                "FooBar",
                "foo__bar",
                "foo_bar_",
                "_foo_bar",
                "lenet_300",
                "lenet300",
                "lenet_3_00",
                "math",
                "Math",
                "Math_",
                "spd_math",
                "spd_1",
                "_",
                "__",
                "a",
                "A",
                "a_1",
                "a1",
                "experiment",
                "Experiment");
        Set<String> classes = names.stream().map(JavaNames::className).collect(Collectors.toSet());
        assertEquals(
                names.size(),
                classes.size(),
                names.stream()
                        .map(n -> n + " -> " + JavaNames.className(n))
                        .toList()
                        .toString());
        assertEquals("Lenet300Adadrop", JavaNames.className("lenet300_adadrop"));
        assertEquals("Lenet_300", JavaNames.className("lenet_300"));
        assertEquals("Math_", JavaNames.className("math"));
        assertEquals("Spd_fooBar", JavaNames.className("fooBar"));
    }

    @Test
    void wholeNumbersPastIntRangeAndLeadingZerosKeepTheirValue() throws CodegenException {
        GeneratedClass generated = only(trainable(
                "let lambda = 3000000000",
                "let big = 2147483648",
                "let octal = 010",
                "let nine = 09",
                "penalty omega(w) = |w| * octal * nine / big"));
        spd.runtime.Experiment declared = runsWithoutSideEffects(generated);
        assertEquals(3e9, declared.constants().get("lambda"));
        assertEquals(2147483648.0, declared.constants().get("big"));
        assertEquals(10.0, declared.constants().get("octal"), "010 is ten in spd, not octal eight");
        assertEquals(9.0, declared.constants().get("nine"));
    }

    @Test
    void aLearningRatePastIntRangeCompiles() throws CodegenException {
        String text = "experiment big_lr {\n  data linear { n 20, d 5, support 2 }\n"
                + "  network { input 5 linear 1 loss squared }\n  train adam(lr = 2147483648) { epochs 1 }\n}\n";
        spd.runtime.Experiment declared = runsWithoutSideEffects(only(generate(text, "lr.spd")));
        assertEquals(2147483648.0, declared.training().optimizer().lr());
    }

    // ---------------------------------------------------------------- helpers

    /** A trainable linear experiment with the given statements. */
    private List<GeneratedClass> trainable(String... statements) {
        return generate(experiment("hostile", statements), "hostile.spd");
    }

    private static String experiment(String name, String... statements) {
        StringBuilder text = new StringBuilder("experiment " + name + " {\n");
        boolean hasData = false;
        boolean hasNetwork = false;
        for (String statement : statements) {
            hasData |= statement.startsWith("data");
            hasNetwork |= statement.startsWith("network");
        }
        if (!hasData) {
            text.append("  data linear { n 20, d 5, support 2 }\n");
        }
        if (!hasNetwork) {
            text.append("  network { input 5 linear 1 loss squared }\n");
        }
        for (String statement : statements) {
            text.append("  ").append(statement).append('\n');
        }
        return text.append("  train sgd(lr = 0.1) { epochs 1 }\n}\n").toString();
    }

    private List<GeneratedClass> generate(String text, String path) {
        FrontendResult result = Frontend.run(new SourceFile(path, text), directory);
        assertTrue(result.ok(), () -> text + "\n" + result.diagnostics().sorted());
        return result.experiments().stream()
                .filter(Experiment::isTrainable)
                .map(e -> {
                    try {
                        return ExperimentClassWriter.write(e);
                    } catch (CodegenException ex) {
                        throw new AssertionError(ex.getMessage(), ex);
                    }
                })
                .toList();
    }

    private static GeneratedClass only(List<GeneratedClass> classes) {
        assertEquals(1, classes.size());
        return classes.getFirst();
    }

    /** Audits, compiles (javac -Xlint:all -Werror), loads and builds the experiment; the canary must stay unset. */
    private static spd.runtime.Experiment runsWithoutSideEffects(GeneratedClass generated) {
        List<String> problems = GeneratedSourceAudit.problems(generated.source());
        assertEquals(List.of(), problems, generated.source());
        spd.runtime.Experiment declared = InMemoryCompiler.load(generated).experiment();
        assertNull(System.getProperty(CANARY), "code from the .spd file ran");
        assertNotEquals("", declared.name());
        return declared;
    }
}

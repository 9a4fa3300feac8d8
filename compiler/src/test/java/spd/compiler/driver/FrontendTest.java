package spd.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.compiler.diag.Code;
import spd.compiler.model.Experiment;
import spd.compiler.model.Strategy;
import spd.compiler.testing.Project;

class FrontendTest {
    @TempDir
    Path directory;

    @Test
    void setOverridesALetAsIfTheFileSaidSo() {
        Path file = Project.examples().resolve("adadrop_logsum.spd");
        FrontendResult result = Frontend.run(file, "adadrop_logsum.spd", Map.of("lambda", "1e-2"));
        assertTrue(result.ok());
        assertEquals(
                1e-2, result.experiments().getFirst().constants().get("lambda").value());
    }

    @Test
    void setOfAnUnknownConstantSuggestsTheNearestOne() {
        Path file = Project.examples().resolve("adadrop_logsum.spd");
        FrontendResult result = Frontend.run(file, "adadrop_logsum.spd", Map.of("lamda", "1e-2"));
        assertEquals(Code.E0101, result.diagnostics().sorted().getFirst().code());
        assertEquals(
                "did you mean 'lambda'?",
                result.diagnostics().sorted().getFirst().help().getFirst());
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithTheByte() throws IOException {
        Path file = directory.resolve("latin1.spd");
        Files.write(file, "experiment caf\u00e9 { }".getBytes(StandardCharsets.ISO_8859_1));
        FrontendResult result = Frontend.run(file);
        assertEquals(Code.E0003, result.diagnostics().sorted().getFirst().code());
        assertFalse(result.internalError());
    }

    @Test
    void aMissingFileIsAUserError() {
        FrontendResult result = Frontend.run(directory.resolve("absent.spd"));
        assertEquals(Code.E0004, result.diagnostics().sorted().getFirst().code());
        assertFalse(result.internalError());
    }

    @Test
    void anEmptyFileWarns() throws IOException {
        Path file = directory.resolve("empty.spd");
        Files.writeString(file, "// nothing here\n");
        FrontendResult result = Frontend.run(file);
        assertEquals(Code.W0008, result.diagnostics().sorted().getFirst().code());
        assertFalse(result.diagnostics().hasErrors());
    }

    @Test
    void aRuleParameterThatClashesWithAConstantIsRenamed() {
        FrontendResult result = Frontend.run(Project.examples().resolve("scad_penalty.spd"));
        Experiment experiment = result.experiments().getFirst();
        assertEquals(1.0, experiment.constants().get("scad_lambda").value());
        assertEquals(0.05, experiment.constants().get("lambda").value());
        Strategy.Penalty penalty =
                (Strategy.Penalty) experiment.regularizers().getFirst().strategy();
        assertTrue(penalty.omega().orElseThrow().freeSymbols().contains("scad_lambda"));
    }

    @Test
    void aLayersConstantsReachTheMasksNumericSettings() throws IOException {
        Path file = directory.resolve("per_layer.spd");
        Files.writeString(file, """
                experiment per_layer {
                  data mnist { validation 0.2 }
                  network { input 784  dense fc1 300 relu  dense fc2 100 relu  dense fc3 10  loss cross_entropy }
                  let sparsity = 0.9
                  mask magnitude { target sparsity } on fc1(sparsity = 0.95), fc2, fc3(sparsity = 0.5)
                  train adam(lr = 1e-3) { epochs 10, batch 128 }
                }
                """);
        FrontendResult result = Frontend.run(file);
        assertTrue(result.ok(), result.diagnostics().sorted().toString());
        Map<String, Double> targetOfLayer = new java.util.TreeMap<>();
        for (var regularizer : result.experiments().getFirst().regularizers()) {
            double target = ((Strategy.Magnitude) regularizer.strategy()).target();
            regularizer.targets().forEach(t -> targetOfLayer.put(t.layer(), target));
        }
        assertEquals(Map.of("fc1", 0.95, "fc2", 0.9, "fc3", 0.5), targetOfLayer);
    }

    @Test
    void layersWhoseConstantsLeaveTheSettingsAloneShareOneRegularizer() {
        // per_layer.spd gives fc1 its own lambda, which only its keep expression uses.
        FrontendResult result = Frontend.run(Project.examples().resolve("per_layer.spd"));
        assertEquals(1, result.experiments().getFirst().regularizers().size());
    }

    @Test
    void importsRulesFromAnotherFile() throws IOException {
        Files.writeString(directory.resolve("rules.spd"), "rule mine(c) { eta(w) = c * |w| }\n");
        Path file = directory.resolve("uses.spd");
        Files.writeString(file, "import \"rules.spd\"\nexperiment e { let lambda = 1\n eta = mine(c: 3) }\n");
        FrontendResult result = Frontend.run(file);
        assertTrue(result.ok(), result.diagnostics().sorted().toString());
        assertEquals(3.0, result.experiments().getFirst().constants().get("c").value());
    }
}

package spd.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spd.compiler.testing.Project;

/**
 * The duality theorem, checked live on every linear example through {@code spd run}: the weights that the
 * adaptive rule trained have the support of the IRLS solution of L + lambda Omega, and nearly its values.
 */
class LinearDualityTest {
    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"linear_adadrop.spd", "linear_lasso.spd", "scad_penalty.spd"})
    void theTrainedWeightsReachThePenalizedSolution(String example) throws IOException {
        Path run = directory.resolve("run");
        int status =
                Main.execute("run", Project.examples().resolve(example).toString(), "--out", run.toString(), "--quiet");
        assertEquals(0, status);
        JsonNode report =
                new ObjectMapper().readTree(run.resolve("duality.json").toFile());
        assertTrue(report.get("irls_converged").asBoolean());
        assertEquals(1.0, report.get("jaccard_dropout_irls").asDouble(), report.toString());
        assertTrue(report.get("relative_distance").asDouble() < 0.1, report.toString());
    }
}

package spd.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.compiler.testing.Project;

/**
 * Rules written with sin, cos, tan, expm1 and log1p go through the whole pipeline (issue 14): they check, derive
 * into numbers, and the generated ND4J code trains.
 */
class TrigonometricRulesTest {
    private static final String FILE = Project.root()
            .resolve("compiler/src/test/resources/runs/trigonometric.spd")
            .toString();

    @TempDir
    Path directory;

    @Test
    void rulesWithTrigonometricAndStableFunctionsCheck() {
        assertEquals(0, Main.execute("check", FILE));
    }

    @Test
    void theirDerivationsPrintNumbersThatMatchTheRule() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true));
        try {
            assertEquals(
                    0, Main.execute("derive", "--format", "json", "--at", "0.5,1,3", "-o", directory.toString(), FILE));
        } finally {
            System.setOut(original);
        }
        JsonNode derivations = new ObjectMapper().readTree(bytes.toString());
        assertFalse(derivations.toString().toLowerCase().contains("nan"), "a NaN in spd derive's output");
        assertEquals(2, derivations.size());
        JsonNode sinAtOne = derivations.get(0).get("at").get(1);
        assertEquals(2 + Math.pow(Math.sin(3), 2), sinAtOne.get("etaHat").asDouble(), 1e-14);
        // Omega(1) = int_0^1 dt/(2 + sin(3t)^2), by quadrature
        assertEquals(
                integral(t -> 1 / (2 + Math.pow(Math.sin(3 * t), 2)), 1),
                sinAtOne.get("omega").asDouble(),
                1e-9);
        JsonNode helpersAtHalf = derivations.get(1).get("at").get(0);
        double t = 0.5;
        assertEquals(
                Math.expm1(t) + Math.log1p(t * t) + t * Math.pow(Math.cos(t), 2) + Math.tan(t / (1 + t)),
                helpersAtHalf.get("etaHat").asDouble(),
                1e-14);
    }

    @Test
    void theGeneratedCodeTrains() {
        for (String experiment : new String[] {"sin_rule", "stable_helpers"}) {
            Path run = directory.resolve(experiment);
            assertEquals(
                    0,
                    Main.execute("run", FILE, "--experiment", experiment, "--out", run.toString(), "--quiet"),
                    experiment);
            assertTrue(Files.exists(run.resolve("summary.json")), experiment + ": no summary.json");
        }
    }

    /** Composite Simpson's rule with 2000 intervals, accurate to ~1e-13 for these smooth integrands. */
    private static double integral(java.util.function.DoubleUnaryOperator f, double upper) {
        int n = 2000;
        double h = upper / n;
        double sum = f.applyAsDouble(0) + f.applyAsDouble(upper);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(i * h);
        }
        return sum * h / 3;
    }
}

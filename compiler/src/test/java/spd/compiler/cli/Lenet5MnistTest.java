package spd.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spd.compiler.testing.Project;
import spd.runtime.data.DataDirectory;
import spd.runtime.data.Mnist;

/**
 * The LeNet-5-Caffe example trained on real MNIST through {@code spd run} for one epoch (tag {@code mnist}:
 * skipped when the files are absent; CI fetches them): it learns (test error under 3%, where chance is 90%),
 * and the summary counts the weights of the conv layers as of the dense ones.
 */
@Tag("mnist")
class Lenet5MnistTest {
    @TempDir
    Path directory;

    @Test
    void oneEpochOfLenet5LearnsMnist() throws IOException {
        DataDirectory data = DataDirectory.resolve(null);
        assumeTrue(Mnist.isPresent(data.path()), "MNIST is not in " + data.path() + "; run scripts/fetch-mnist.sh");
        Path run = directory.resolve("run");
        String example = Project.examples().resolve("lenet5/plain.spd").toString();
        assertEquals(0, Main.execute("run", example, "--epochs", "1", "--out", run.toString(), "--quiet"));
        JsonNode summary =
                new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertEquals("completed", summary.get("status").asText(), summary.toString());
        double error = summary.get("test_error").asDouble(Double.NaN);
        assertTrue(error < 0.03, "test error " + error + " after one epoch: " + summary);
        assertEquals(500, summary.at("/nonzero_per_layer/conv1/total").asLong(), summary.toString());
        assertEquals(25_000, summary.at("/nonzero_per_layer/conv2/total").asLong(), summary.toString());
        assertEquals(430_500, summary.get("total_weights").asLong(), summary.toString());
    }
}

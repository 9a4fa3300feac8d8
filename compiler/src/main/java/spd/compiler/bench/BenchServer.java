package spd.compiler.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spd.runtime.bench.GemmRoofline;
import spd.runtime.train.StepTimer;

/**
 * The spd side of {@code scripts/bench-vs-pytorch}: holds compiled experiments and times blocks of their
 * training steps on request, so that spd and PyTorch are interleaved block by block in one invocation.
 *
 * <p>Protocol: one JSON object per line in, one per line out (the same as bench/pytorch/worker.py):
 * {@code {"op": "prepare", "file": F}} answers {@code {"key": K, "seconds": s, "rule": R, "flops": F}};
 * {@code {"op": "time", "key": K, "steps": N}} answers {@code {"steps", "wall", "cpu"}}; {@code {"op":
 * "gemm", "key": K}} answers {@code {"flops_per_pass", "seconds_per_pass"}}; {@code {"op": "quit"}} ends.
 */
public final class BenchServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StepBenchmark benchmark;
    private final List<BenchmarkedExperiment> experiments = new ArrayList<>();
    private final List<StepTimer> timers = new ArrayList<>();

    /** A server loading data from {@code dataDirectory} (null: the default). */
    public BenchServer(Path dataDirectory) {
        this.benchmark = new StepBenchmark(dataDirectory);
    }

    /** Answers requests until "quit" or the end of the input. */
    public void serve(BufferedReader in, PrintWriter out) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            JsonNode request = JSON.readTree(line);
            String op = request.path("op").asText();
            if (op.equals("quit")) {
                return;
            }
            Map<String, Object> answer;
            try {
                answer = switch (op) {
                    case "prepare" -> prepare(Path.of(request.path("file").asText()));
                    case "time" ->
                        time(request.path("key").asInt(), request.path("steps").asInt());
                    case "gemm" -> gemm(request.path("key").asInt());
                    default -> Map.of("error", "unknown op " + op);
                };
            } catch (RuntimeException e) {
                answer = Map.of("error", e.toString());
            }
            out.println(JSON.writeValueAsString(answer));
            out.flush();
        }
    }

    private Map<String, Object> prepare(Path file) {
        long started = System.nanoTime();
        StringWriter diagnostics = new StringWriter();
        TrainableExperiments.Compiled compiled =
                TrainableExperiments.compile(List.of(file), new PrintWriter(diagnostics));
        if (compiled.experiments().isEmpty()) {
            return Map.of("error", "no trainable experiment in " + file + ": " + diagnostics);
        }
        BenchmarkedExperiment experiment = compiled.experiments().getFirst();
        StepTimer timer = StepTimer.of(experiment.experiment(), benchmark.dataOf(experiment));
        timer.time(200); // warm-up: JIT, workspace, buffers
        experiments.add(experiment);
        timers.add(timer);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("key", experiments.size() - 1);
        answer.put("seconds", (System.nanoTime() - started) / 1e9);
        answer.put("rule", experiment.rule());
        answer.put("experiment", experiment.name());
        answer.put(
                "flops",
                GemmRoofline.stepFlops(
                        experiment.experiment().network(),
                        experiment.experiment().training().batch()));
        return answer;
    }

    private Map<String, Object> time(int key, int steps) {
        StepTimer.StepTiming timing = timers.get(key).time(steps);
        return Map.of("steps", timing.steps(), "wall", timing.wallSeconds(), "cpu", timing.cpuSeconds());
    }

    private Map<String, Object> gemm(int key) {
        var experiment = experiments.get(key).experiment();
        List<GemmRoofline.Product> products = GemmRoofline.trainingProducts(
                experiment.network(), experiment.training().batch());
        GemmRoofline.Rate rate = GemmRoofline.measure(products, 5);
        return Map.of("flops_per_pass", rate.flopsPerPass(), "seconds_per_pass", rate.secondsPerPass());
    }
}

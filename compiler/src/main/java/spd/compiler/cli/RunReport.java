package spd.compiler.cli;

import java.io.PrintWriter;
import java.util.Map;
import spd.runtime.train.Evaluation;
import spd.runtime.train.RunResult;

/** The few lines {@code spd run} prints when a run ends: test accuracy, sparsity per layer, time, where. */
final class RunReport {
    private RunReport() {}

    /** Prints the outcome; {@code resumeCommand} is the command that finishes an unfinished run. */
    static void print(RunResult result, String resumeCommand, PrintWriter out) {
        switch (result.status()) {
            case COMPLETED -> printCompleted(result, out);
            case INTERRUPTED ->
                out.printf(
                        "spd: interrupted after %d epoch(s); finish it with:%n  %s%n",
                        result.epochs().size(), resumeCommand);
            case DIVERGED ->
                out.printf(
                        "spd: stopped: %s%nspd: the last good checkpoint is in %s%n",
                        result.message(), result.runDirectory());
            case FAILED ->
                out.printf("spd: stopped: %s%nspd: resume it with:%n  %s%n", result.message(), resumeCommand);
            case RUNNING -> out.printf("spd: the run did not finish: %s%n", result.message());
        }
        out.flush();
    }

    private static void printCompleted(RunResult result, PrintWriter out) {
        Evaluation test = result.test();
        if (Double.isNaN(test.accuracy())) {
            out.printf("test mean squared error %.6g%n", test.error());
        } else {
            out.printf("test accuracy %.2f%%  (error %.2f%%)%n", 100 * test.accuracy(), 100 * test.error());
        }
        out.printf(
                "nonzero weights %,d of %,d  (%.2f%%, %.1fx compression)%n",
                test.nonzero(),
                test.total(),
                100 * test.nonzeroFraction(),
                test.nonzero() == 0 ? Double.POSITIVE_INFINITY : (double) test.total() / test.nonzero());
        for (Map.Entry<String, Evaluation.LayerCount> layer : test.layers().entrySet()) {
            out.printf(
                    "  %-8s %,9d of %,9d  (%.2f%%)%n",
                    layer.getKey(),
                    layer.getValue().nonzero(),
                    layer.getValue().total(),
                    100 * layer.getValue().fraction());
        }
        out.printf(
                "%d epoch(s) in %.1f s; run directory %s%n",
                result.epochs().size(), result.wallSeconds(), result.runDirectory());
    }
}

package spd.compiler.bench;

import java.util.LinkedHashSet;
import java.util.Set;
import spd.runtime.Experiment;
import spd.runtime.reg.Regularizer;

/**
 * A trainable experiment of a {@code .spd} file, compiled and loaded exactly as {@code spd run} does
 * (front end, code generation, in-memory javac), ready to be timed.
 *
 * @param file the {@code .spd} file as given (the row label of every benchmark table)
 * @param name the experiment's name within the file
 * @param experiment what the generated class declares
 */
public record BenchmarkedExperiment(String file, String name, Experiment experiment) {
    /** The rule kinds of the experiment's layers joined by "+" (e.g. {@code tikhonov}), or "none". */
    public String rule() {
        Set<String> kinds = new LinkedHashSet<>();
        for (Regularizer regularizer : experiment.regularizers().values()) {
            kinds.add(regularizer.kind());
        }
        return kinds.isEmpty() ? "none" : String.join("+", kinds);
    }

    /** The file, and the experiment's name when the file declares several experiments. */
    public String label(boolean withName) {
        return withName ? file + " (" + name + ")" : file;
    }
}

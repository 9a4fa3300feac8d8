package spd.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.Utils;
import spd.compiler.sweep.PointOutcome;
import spd.compiler.sweep.PointProcess;

/**
 * The Spark task of one point, run on an executor: after checking that it sees the sweep's storage, it runs
 * what is left of the point as {@code spd run} (see {@link PointProcess}) and returns what became of it. A
 * failed run is an outcome, not an exception, so Spark does not retry it; what goes wrong with the executor
 * itself (storage it cannot see or write, the executor lost) is thrown, and Spark retries the task elsewhere.
 * A retry finds the run directory as the lost attempt left it, and resumes from its last checkpoint.
 */
final class PointTask implements Function<PointSpec, PointOutcome> {
    private static final long serialVersionUID = 1L;
    private final String marker;

    PointTask(String marker) {
        this.marker = marker;
    }

    @Override
    public PointOutcome call(PointSpec spec) throws Exception {
        String host = Utils.localHostName();
        SharedStorage.check(Path.of(spec.out()), marker, host);
        if (!Files.isReadable(Path.of(spec.file()))) {
            throw new java.io.IOException("the executor on %s cannot read %s; the .spd files must be on storage every "
                            .formatted(host, spec.file())
                    + "executor sees at the same path");
        }
        return PointProcess.run(spec.point(), spec.epochs(), spec.dataDirectory(), host);
    }
}

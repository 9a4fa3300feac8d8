package spd.runtime.train;

import java.nio.file.Path;

/**
 * How to run an experiment.
 *
 * @param runDirectory where to write the run directory, or null to write nothing (tests, benchmarks)
 * @param dataDirectory the data directory given on the command line, or null for $SPD_DATA / the default
 * @param progress how to report progress on standard error
 * @param info provenance for the manifest, and the commands that resume or restart the run
 * @param stop set from another thread to stop the run as if interrupted
 */
public record RunOptions(Path runDirectory, Path dataDirectory, ProgressMode progress, RunInfo info, StopSignal stop) {
    /** In memory, no progress, default data directory. */
    public static RunOptions quiet() {
        return new RunOptions(null, null, ProgressMode.NONE, RunInfo.none(), new StopSignal());
    }

    /** The same options writing to {@code directory}. */
    public RunOptions writingTo(Path directory) {
        return new RunOptions(directory, dataDirectory, progress, info, stop);
    }

    /** The same options reporting progress in another mode. */
    public RunOptions withProgress(ProgressMode mode) {
        return new RunOptions(runDirectory, dataDirectory, mode, info, stop);
    }

    /** The same options reading data from {@code directory}. */
    public RunOptions withData(Path directory) {
        return new RunOptions(runDirectory, directory, progress, info, stop);
    }

    /** The same options with provenance for the manifest. */
    public RunOptions withInfo(RunInfo value) {
        return new RunOptions(runDirectory, dataDirectory, progress, value, stop);
    }

    /** The same options stopped by {@code signal}. */
    public RunOptions withStop(StopSignal signal) {
        return new RunOptions(runDirectory, dataDirectory, progress, info, signal);
    }
}

package spd.runtime.train;

import java.nio.file.Path;

/**
 * How to run an experiment.
 *
 * @param runDirectory where to write the run directory, or null to write nothing (tests, benchmarks)
 * @param dataDirectory the data directory given on the command line, or null for $SPD_DATA / the default
 * @param showProgress whether to draw a progress bar on the terminal
 * @param info provenance for the manifest
 */
public record RunOptions(Path runDirectory, Path dataDirectory, boolean showProgress, RunInfo info) {
  /** In memory, no progress bar, default data directory. */
  public static RunOptions quiet() {
    return new RunOptions(null, null, false, RunInfo.none());
  }

  /** The same options writing to {@code directory}. */
  public RunOptions writingTo(Path directory) {
    return new RunOptions(directory, dataDirectory, showProgress, info);
  }

  /** The same options with a progress bar shown or not. */
  public RunOptions withProgress(boolean show) {
    return new RunOptions(runDirectory, dataDirectory, show, info);
  }

  /** The same options reading data from {@code directory}. */
  public RunOptions withData(Path directory) {
    return new RunOptions(runDirectory, directory, showProgress, info);
  }

  /** The same options with provenance for the manifest. */
  public RunOptions withInfo(RunInfo value) {
    return new RunOptions(runDirectory, dataDirectory, showProgress, value);
  }
}

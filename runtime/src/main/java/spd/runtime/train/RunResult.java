package spd.runtime.train;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a run: its status, the metrics of every finished epoch, the final test evaluation (null
 * unless completed), a message for a non-completed run, the wall time and the run directory (or null).
 */
public record RunResult(
        RunStatus status,
        List<EpochMetrics> epochs,
        Evaluation test,
        String message,
        double wallSeconds,
        Path runDirectory) {

    /** Copies the epoch list. */
    public RunResult {
        epochs = List.copyOf(epochs);
    }

    /** The last finished epoch's metrics. */
    public EpochMetrics lastEpoch() {
        return epochs.get(epochs.size() - 1);
    }
}

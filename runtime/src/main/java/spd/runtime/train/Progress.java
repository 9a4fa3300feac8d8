package spd.runtime.train;

/** Reports training progress as it happens; {@link #QUIET} reports nothing. */
interface Progress extends AutoCloseable {
    /** A reporter that reports nothing (tests, benchmarks). */
    Progress QUIET = new Progress() {};

    /** The reporter of a mode, on standard error. */
    static Progress of(ProgressMode mode) {
        return switch (mode.resolved()) {
            case BAR -> new ConsoleProgress();
            case LINES -> new LinesProgress(System.err, LinesProgress.DEFAULT_HEARTBEAT_NANOS);
            case NONE -> QUIET;
            case AUTO -> throw new IllegalStateException("resolved() never returns AUTO");
        };
    }

    /** An epoch of {@code steps} batches starts. */
    default void startEpoch(int epoch, int epochs, int steps, double lastNonzeroFraction) {}

    /** A step finished; the numbers are running means over the epoch so far. */
    default void step(double loss, double accuracy, double samplesPerSecond) {}

    /** An epoch finished with these metrics. */
    default void endEpoch(EpochMetrics metrics) {}

    @Override
    default void close() {}
}

package spd.compiler.sweep;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What runs the points of a sweep. The one implementation is Apache Spark's (module {@code spark/}), embedded
 * on this machine or on a cluster; it lives in its own module so that Spark stays off the class path of
 * {@code spd check} and {@code spd derive}, and the launcher starts {@code spd sweep} with that module's class
 * path, where {@link #onClassPath} finds it.
 */
public interface SweepEngine {
    /** Runs what is left of the sweep; returns the record of every point whose run directory has a summary. */
    List<RunRecord> run(SweepJob job) throws InterruptedException;

    /** The engine on the class path, if any. */
    static Optional<SweepEngine> onClassPath() {
        return ServiceLoader.load(SweepEngine.class).findFirst();
    }
}

package spd.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import spd.compiler.sweep.SweepJob;
import spd.compiler.sweep.SweepPoint;

/**
 * A point of a sweep as a Spark task carries it to an executor: absolute paths as text (a {@link Path} is not
 * serializable), which name the same files there when the sweep's storage is shared.
 *
 * @param out the sweep directory, whose marker the executor checks before it writes anything
 * @param epochs every run's epochs, or null for the file's
 * @param data the MNIST directory, or null
 */
record PointSpec(
        String file,
        String experiment,
        LinkedHashMap<String, String> settings,
        long seed,
        String directory,
        String out,
        Integer epochs,
        String data)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    static PointSpec of(SweepPoint point, SweepJob job) {
        return new PointSpec(
                point.file().toString(),
                point.experiment(),
                new LinkedHashMap<>(point.settings()),
                point.seed(),
                point.directory().toString(),
                job.out().toString(),
                job.epochs(),
                job.data() == null ? null : job.data().toString());
    }

    SweepPoint point() {
        return new SweepPoint(Path.of(file), experiment, settings, seed, Path.of(directory));
    }

    Path dataDirectory() {
        return data == null ? null : Path.of(data);
    }
}

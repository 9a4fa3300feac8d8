package spd.compiler.sweep;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A sweep to run: its points, where it writes, what every run shares, and where it runs.
 *
 * @param out the sweep directory (absolute): the points' run directories are inside it
 * @param epochs the epochs of every run, or null for each file's own
 * @param data the MNIST directory every run reads (absolute), or null for runs that need none
 * @param master a Spark master URL ({@code spark://host:7077}, {@code local[4]}), or empty to run on this machine
 * @param jobs how many points at a time: on this machine the number of workers; on a cluster a cap on the
 *     cores the sweep takes, or null for all the cluster offers
 * @param progress where one line per finished point goes
 */
public record SweepJob(
        List<SweepPoint> points,
        Path out,
        Integer epochs,
        Path data,
        Optional<String> master,
        Integer jobs,
        PrintWriter progress) {
    public SweepJob {
        points = List.copyOf(points);
    }

    /** How many points run at a time on this machine (one unless {@code --jobs} says otherwise). */
    public int localWorkers() {
        return jobs == null ? 1 : jobs;
    }
}

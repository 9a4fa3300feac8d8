package spd.spark;

import org.apache.spark.SparkConf;
import spd.compiler.sweep.SweepJob;

/**
 * The Spark configuration of a sweep. Settings the user gave Spark ({@code spark-submit --conf}, or
 * {@code -Dspark.*=...} in {@code SPD_JAVA_OPTS}) win over every default here.
 *
 * <ul>
 *   <li>Without a master: embedded, {@code local[jobs]}, the driver on 127.0.0.1, no web UI.
 *   <li>{@code --master URL}: executors load spd from where this JVM does (the same paths on every node: a
 *       shared installation) and get its home, so that their runs find the compiler's class path;
 *       {@code --jobs N} caps the cores the sweep takes.
 *   <li>Under {@code spark-submit} (a master set, no {@code --master}): its class path settings stand.
 * </ul>
 */
final class SparkSettings {
    private SparkSettings() {}

    static SparkConf of(SweepJob job) {
        SparkConf conf = new SparkConf().setAppName("spd sweep " + job.out());
        if (job.master().isPresent()) {
            conf.setMaster(job.master().get());
            shareInstallation(conf);
        } else if (!conf.contains("spark.master")) {
            embedded(conf, job.localWorkers());
            return conf;
        }
        if (job.jobs() != null) {
            conf.setIfMissing("spark.cores.max", Integer.toString(job.jobs()));
        }
        return conf;
    }

    private static void embedded(SparkConf conf, int workers) {
        conf.setMaster("local[" + workers + "]");
        conf.setIfMissing("spark.driver.host", "127.0.0.1");
        conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        conf.setIfMissing("spark.ui.enabled", "false");
    }

    private static void shareInstallation(SparkConf conf) {
        conf.setIfMissing("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        String home = System.getProperty("spd.home");
        if (home != null) {
            conf.setIfMissing("spark.executor.extraJavaOptions", "-Dspd.home=" + home);
        }
    }
}

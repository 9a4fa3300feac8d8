package spd.spark;

/**
 * Keeps Spark's start-up chatter off the sweep's console (spd logs through slf4j-simple at warn level): the
 * Hadoop native-library notice always, and on this machine alone the note that the host name resolves to a
 * loopback address (the embedded driver binds to 127.0.0.1 on purpose). A level the user set stays.
 */
final class SparkLogging {
    private static final String PREFIX = "org.slf4j.simpleLogger.log.";

    private SparkLogging() {}

    static void quiet(boolean embedded) {
        System.setProperty(
                PREFIX + "org.apache.hadoop.util.NativeCodeLoader",
                System.getProperty(PREFIX + "org.apache.hadoop.util.NativeCodeLoader", "error"));
        if (embedded) {
            System.setProperty(
                    PREFIX + "org.apache.spark.util.Utils",
                    System.getProperty(PREFIX + "org.apache.spark.util.Utils", "error"));
        }
    }
}

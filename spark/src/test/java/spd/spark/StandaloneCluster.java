package spd.spark;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1 for a test: spark-core's own {@code Master} and {@code Worker}, each
 * a process of its own (so that a test can kill a worker as a machine dies), on the test's class path. Spark's
 * home is an empty directory: executors get their class path from the sweep ({@code spark.executor.extraClassPath}),
 * as on a cluster that shares spd's installation.
 */
final class StandaloneCluster implements AutoCloseable {
    private final Path directory;
    private final int port;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();

    private StandaloneCluster(Path directory, int port, Process master) {
        this.directory = directory;
        this.port = port;
        this.master = master;
    }

    /** Starts a master on a free port of 127.0.0.1 and waits until it accepts connections. */
    static StandaloneCluster start(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory.resolve("spark-home/jars"));
        int port = freePort();
        Process master = launch(
                directory,
                "master",
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--webui-port",
                "0");
        StandaloneCluster cluster = new StandaloneCluster(directory, port, master);
        Sweeps.await(Duration.ofMinutes(2), "the Spark master listens on 127.0.0.1:" + port, () -> {
            if (!master.isAlive()) {
                throw new AssertionError("the Spark master exited; see " + directory.resolve("master.log"));
            }
            return accepts(port);
        });
        return cluster;
    }

    /** The URL {@code spd sweep --master} takes. */
    String url() {
        return "spark://127.0.0.1:" + port;
    }

    /** Starts a worker with {@code cores} cores; it registers with the master by itself. */
    Process startWorker(String name, int cores) throws IOException {
        Process worker = launch(
                directory,
                "worker-" + name,
                "org.apache.spark.deploy.worker.Worker",
                url(),
                "--host",
                "127.0.0.1",
                "--cores",
                Integer.toString(cores),
                "--memory",
                "2g",
                "--webui-port",
                "0",
                "--work-dir",
                directory.resolve("work-" + name).toString());
        workers.add(worker);
        return worker;
    }

    /** The environment of the cluster's processes, and of a sweep driven against it: everything on 127.0.0.1. */
    Map<String, String> environment() {
        return Map.of(
                "SPARK_HOME",
                directory.resolve("spark-home").toString(),
                "SPARK_SCALA_VERSION",
                "2.13",
                "SPARK_LOCAL_IP",
                "127.0.0.1");
    }

    private static Process launch(Path directory, String name, String mainClass, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        Redirect.appendTo(directory.resolve(name + ".log").toFile()));
        builder.environment()
                .putAll(Map.of(
                        "SPARK_HOME",
                        directory.resolve("spark-home").toString(),
                        "SPARK_SCALA_VERSION",
                        "2.13",
                        "SPARK_LOCAL_IP",
                        "127.0.0.1"));
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the workers (with their executors), then the master. */
    @Override
    public void close() throws InterruptedException {
        for (Process worker : workers) {
            stop(worker);
        }
        stop(master);
    }

    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}

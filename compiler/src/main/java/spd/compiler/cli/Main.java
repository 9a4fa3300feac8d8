package spd.compiler.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import spd.runtime.base.RunException;

/** Entry point of the {@code spd} command line. */
@Command(
        name = "spd",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Sparsify neural networks by adaptive dropout: check, derive, compile and run experiments written in spd.",
        subcommands = {
            CheckCommand.class,
            DeriveCommand.class,
            CompileCommand.class,
            RunCommand.class,
            SweepCommand.class,
            ExportCommand.class,
            ExampleDataCommand.class,
            BenchCommand.class,
            LspCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {
    /** Exit code for a user error: a diagnostic, a missing file, bad data. */
    public static final int USER_ERROR = 1;
    /** Exit code for a bug in spd. */
    public static final int INTERNAL_ERROR = 2;

    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            String userProblem = userProblem(e);
            if (userProblem != null) {
                cl.getErr().println("spd: " + userProblem);
                return USER_ERROR;
            }
            cl.getErr().println("spd: internal error: " + e);
            e.printStackTrace(cl.getErr());
            cl.getErr().println("This is a bug in spd; please report it with the command you ran.");
            return INTERNAL_ERROR;
        });
        commandLine.setParameterExceptionHandler((e, args1) -> {
            CommandLine cl = e.getCommandLine();
            cl.getErr().println("spd: " + e.getMessage());
            cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help'.");
            return USER_ERROR;
        });
        return commandLine.execute(args);
    }

    /**
     * The message of a failure the user can act on, or null for a bug: files that cannot be read or written
     * (a wrong path, a full disk, no permission) and the runtime's own user-facing errors.
     */
    private static String userProblem(Exception e) {
        return switch (e) {
            case RunException run -> run.getMessage();
            case java.io.UncheckedIOException io -> "cannot read or write a file: " + describe(io.getCause());
            case java.io.IOException io -> "cannot read or write a file: " + describe(io);
            default -> null;
        };
    }

    static String describe(java.io.IOException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException missing -> "no such file or directory " + missing.getFile();
            case java.nio.file.AccessDeniedException denied -> "permission denied for " + denied.getFile();
            case java.nio.file.FileSystemException other -> other.getFile() + ": " + other.getReason();
            default -> String.valueOf(e.getMessage());
        };
    }
}

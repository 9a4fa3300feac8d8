package spd.compiler.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code spd} command line. */
@Command(name = "spd", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Sparsify neural networks by adaptive dropout: check, derive, compile and run experiments written in spd.",
    subcommands = {CheckCommand.class, DeriveCommand.class, CompileCommand.class, RunCommand.class, SweepCommand.class,
        BenchCommand.class, CommandLine.HelpCommand.class})
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
}

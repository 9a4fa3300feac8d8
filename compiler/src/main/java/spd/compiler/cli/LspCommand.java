package spd.compiler.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code spd lsp} in the command list: the language server lives in its own module (LSP4J stays off the class path
 * of the other commands), and the launcher {@code ./spd} starts it there. Reaching this class means the compiler
 * was started directly, without the launcher.
 */
@Command(
        name = "lsp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run the language server for editors: LSP on standard input and output (docs/editor.md).")
final class LspCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine()
                .getErr()
                .println("spd: the language server runs from its own module; start it with the"
                        + " launcher: ./spd lsp");
        return Main.USER_ERROR;
    }
}

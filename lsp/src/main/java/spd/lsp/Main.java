package spd.lsp;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import spd.compiler.lang.Version;

/** {@code spd lsp}: spd's language server, speaking LSP on standard input and output until the editor exits it. */
public final class Main {
    private static final String USAGE = """
      Usage: spd lsp [--stdio]
      Run spd's language server: LSP (JSON-RPC) on standard input and output, for editors.
      Diagnostics as spd check gives them, hover with the derived effective penalty, completion,
      go to definition and the outline of .spd files. Editors start it; see docs/editor.md.
        --stdio      talk on standard input and output (the default, and the only transport)
        --bench      time the server as an editor sees it (start, diagnostics, hover); see docs/editor.md
        -h, --help   show this help
        -V, --version  print the version
      """;

    private Main() {}

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            switch (arg) {
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "-V", "--version" -> {
                    System.out.println("spd " + Version.VERSION);
                    return;
                }
                case "--stdio" -> {}
                case "--bench" -> {
                    spd.lsp.bench.LspBenchmark.run(Path.of(System.getProperty("spd.home", ".")));
                    System.exit(0);
                }
                default -> {
                    System.err.println("spd lsp: unknown option '" + arg + "'");
                    System.err.print(USAGE);
                    System.exit(1);
                }
            }
        }
        InputStream in = System.in;
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        // Standard output belongs to the protocol: anything else printed (a library's warning) goes to standard error.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        run(in, out);
    }

    /** Serves one session on these streams until the client closes them or sends exit. */
    static void run(InputStream in, OutputStream out) throws InterruptedException {
        SpdLanguageServer server = new SpdLanguageServer();
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        try {
            launcher.startListening().get();
        } catch (ExecutionException e) {
            System.err.println("spd lsp: the connection failed: " + e.getCause());
            System.exit(2);
        }
        // The client closed the stream without an exit notification: 0 after a shutdown request, as for exit.
        exit(server.exitCode());
    }

    static void exit(int code) {
        System.exit(code);
    }
}

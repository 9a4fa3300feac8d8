package spd.lsp.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import spd.compiler.driver.Frontend;
import spd.compiler.source.SourceFile;

/**
 * {@code spd lsp --bench}: starts the real server through the launcher ({@code ./spd lsp}) as an editor would, and
 * times, as the editor sees them: start to first diagnostics, diagnostics after an edit of a 300-line file, and a
 * hover that derives a closed-form penalty after that edit. The front end alone on the same text, in this process,
 * is the reference the diagnostics time compares with. Targets: 1 s, 30 ms, 50 ms.
 */
public final class LspBenchmark {
    private static final int WARMUP = 40;
    private static final int SAMPLES = 60;
    private static final String URI = "untitled:bench-300-lines.spd";

    private LspBenchmark() {}

    /** Records the diagnostics publications, so the benchmark can wait for one version's. */
    private static final class Client implements LanguageClient {
        final LinkedBlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
            published.add(diagnostics);
        }

        @Override
        public void telemetryEvent(Object object) {}

        @Override
        public void showMessage(MessageParams message) {}

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams request) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {}
    }

    public static void run(Path spdHome) throws Exception {
        java.util.logging.Logger.getLogger("org.eclipse.lsp4j").setLevel(java.util.logging.Level.WARNING);
        String text = BenchmarkFile.text(0);
        System.out.printf(
                Locale.ROOT,
                "# spd lsp --bench%n%nA %d-line file of %d experiments; %d warm-up edits, %d timed."
                        + " Java %s, %d cores.%n%n",
                text.lines().count(),
                BenchmarkFile.EXPERIMENTS,
                WARMUP,
                SAMPLES,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        long spawned = System.nanoTime();
        Process process = new ProcessBuilder(spdHome.resolve("spd").toString(), "lsp")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Client client = new Client();
        Launcher<LanguageServer> launcher =
                LSPLauncher.createClientLauncher(client, process.getInputStream(), process.getOutputStream());
        launcher.startListening();
        LanguageServer server = launcher.getRemoteProxy();
        try {
            InitializeParams initialize = new InitializeParams();
            initialize.setCapabilities(new ClientCapabilities());
            server.initialize(initialize).get(60, TimeUnit.SECONDS);
            server.initialized(new InitializedParams());
            server.getTextDocumentService()
                    .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(URI, "spd", 0, text)));
            awaitVersion(client, 0);
            double startMillis = (System.nanoTime() - spawned) / 1e6;

            double[] diagnostics = new double[SAMPLES];
            double[] hovers = new double[SAMPLES];
            int version = 0;
            for (int i = 0; i < WARMUP + SAMPLES; i++) {
                version++;
                String edited = BenchmarkFile.text(version);
                long changed = System.nanoTime();
                server.getTextDocumentService()
                        .didChange(new DidChangeTextDocumentParams(
                                new VersionedTextDocumentIdentifier(URI, version),
                                List.of(new TextDocumentContentChangeEvent(edited))));
                awaitVersion(client, version);
                long published = System.nanoTime();
                Hover hover = server.getTextDocumentService()
                        .hover(new HoverParams(new TextDocumentIdentifier(URI), BenchmarkFile.maskPosition()))
                        .get(60, TimeUnit.SECONDS);
                long hovered = System.nanoTime();
                if (hover == null || !hover.getContents().getRight().getValue().contains("(closed form)")) {
                    throw new IllegalStateException("the hover derived no closed form: " + hover);
                }
                if (i >= WARMUP) {
                    diagnostics[i - WARMUP] = (published - changed) / 1e6;
                    hovers[i - WARMUP] = (hovered - published) / 1e6;
                }
            }
            double[] frontEnd = frontEndAlone(text);
            System.out.println("| what | median | p90 | max | target |");
            System.out.println("|---|---:|---:|---:|---:|");
            System.out.printf(
                    Locale.ROOT,
                    "| server start to first diagnostics (launcher, JVM, open) | %.0f ms | | | 1000 ms |%n",
                    startMillis);
            row("diagnostics after an edit (edit sent to diagnostics received)", diagnostics, "30 ms");
            row("hover deriving a closed-form penalty (after that edit)", hovers, "50 ms");
            row("reference: the front end alone on the same text, in-process", frontEnd, "");
        } finally {
            server.shutdown().get(30, TimeUnit.SECONDS);
            server.exit();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroy();
        }
    }

    private static void awaitVersion(Client client, int version) throws InterruptedException {
        while (true) {
            PublishDiagnosticsParams next = client.published.poll(60, TimeUnit.SECONDS);
            if (next == null) {
                throw new IllegalStateException("no diagnostics for version " + version + " within 60 s");
            }
            if (URI.equals(next.getUri()) && next.getVersion() != null && next.getVersion() == version) {
                if (!next.getDiagnostics().isEmpty()) {
                    throw new IllegalStateException("the benchmark file has problems: " + next.getDiagnostics());
                }
                return;
            }
        }
    }

    private static double[] frontEndAlone(String text) {
        double[] millis = new double[SAMPLES];
        for (int i = 0; i < WARMUP + SAMPLES; i++) {
            long start = System.nanoTime();
            Frontend.run(new SourceFile("bench.spd", text), Path.of("."));
            if (i >= WARMUP) {
                millis[i - WARMUP] = (System.nanoTime() - start) / 1e6;
            }
        }
        return millis;
    }

    private static void row(String what, double[] millis, String target) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "| %s | %.1f ms | %.1f ms | %.1f ms | %s |%n",
                what,
                sorted[sorted.length / 2],
                sorted[(int) Math.floor(sorted.length * 0.9)],
                sorted[sorted.length - 1],
                target);
    }

    /** The file the benchmark edits: copies of the README's experiment, one constant changed per edit. */
    static final class BenchmarkFile {
        static final int EXPERIMENTS = 15;
        private static final String EXPERIMENT = """
        // Copy %d of the README's experiment: DropConnect following the log-sum reweighting.
        experiment lenet300_adadrop_%d {
          data mnist { validation 0.2 }
          network {
            input 784
            dense 300 relu
            dense 100 relu
            dense 10
            loss cross_entropy
          }
          let lambda = %s
          let eps = 2
          eta(w) = |w| * (|w| + eps)                        // the reweighting rule eta_hat(w)
          mask bernoulli { keep = eta / (eta + lambda) }    // scaled Bernoulli on every weight
          train adam(lr = 1e-3) { epochs 20, batch 128, schedule linear_decay, seed 42 }
          prune keep < 0.05                                 // a weight is zero when kept < 5%% of the time
        }

        """;

        private BenchmarkFile() {}

        /** The text after {@code edit} edits: the first experiment's lambda changes with each. */
        static String text(int edit) {
            StringBuilder text = new StringBuilder();
            for (int i = 1; i <= EXPERIMENTS; i++) {
                text.append(String.format(Locale.ROOT, EXPERIMENT, i, i, i == 1 ? "1e-3 + " + edit + "e-9" : "1e-3"));
            }
            // Pad to 300 lines with comments, as long files carry notes.
            long lines = text.chars().filter(c -> c == '\n').count();
            for (long i = lines; i < 300; i++) {
                text.append("// notes\n");
            }
            return text.toString();
        }

        /** On the first experiment's mask line. */
        static Position maskPosition() {
            return new Position(13, 4);
        }
    }
}

package spd.lsp;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A real JSON-RPC session with spd's server for tests: the server and an LSP4J client, each with its own launcher,
 * connected by two pipes. Everything the tests ask goes through the protocol's serialisation both ways.
 */
final class LspSession implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** LSP4J logs a closed stream at INFO; a session that ends on purpose is no news. Held so it is not collected. */
    private static final java.util.logging.Logger JSON_RPC_LOG =
            java.util.logging.Logger.getLogger("org.eclipse.lsp4j");

    static {
        JSON_RPC_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /** The client side: it records every diagnostics publication. */
    static final class Client implements LanguageClient {
        final LinkedBlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
            published.add(diagnostics);
        }

        @Override
        public void telemetryEvent(Object object) {}

        @Override
        public void showMessage(MessageParams messageParams) {}

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {}
    }

    final Client client = new Client();
    final LanguageServer server;
    private final List<java.nio.channels.Channel> channels = new ArrayList<>();
    private int version;

    LspSession() throws Exception {
        // A busy test machine may take seconds for a cold derivation; hovers here wait for it rather than give up.
        this(new SpdLanguageServer(TIMEOUT));
    }

    LspSession(SpdLanguageServer implementation) throws Exception {
        this(implementation, true);
    }

    /** A session whose client does or does not expand snippets in completions (VS Code does; some editors do not). */
    LspSession(SpdLanguageServer implementation, boolean snippets) throws Exception {
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        Launcher<LanguageClient> serverSide = LSPLauncher.createServerLauncher(
                implementation, Channels.newInputStream(toServer.source()), Channels.newOutputStream(toClient.sink()));
        implementation.connect(serverSide.getRemoteProxy());
        serverSide.startListening();
        Launcher<LanguageServer> clientSide = LSPLauncher.createClientLauncher(
                client, Channels.newInputStream(toClient.source()), Channels.newOutputStream(toServer.sink()));
        clientSide.startListening();
        server = clientSide.getRemoteProxy();
        // Write ends first: the readers then see the end of their stream rather than a closed channel.
        channels.addAll(List.of(toServer.sink(), toClient.sink(), toServer.source(), toClient.source()));
        InitializeParams initialize = new InitializeParams();
        ClientCapabilities capabilities = new ClientCapabilities();
        capabilities.setTextDocument(new org.eclipse.lsp4j.TextDocumentClientCapabilities());
        capabilities
                .getTextDocument()
                .setCompletion(new org.eclipse.lsp4j.CompletionCapabilities(
                        new org.eclipse.lsp4j.CompletionItemCapabilities(snippets)));
        initialize.setCapabilities(capabilities);
        server.initialize(initialize).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
    }

    static String uri(Path file) {
        return file.toAbsolutePath().normalize().toUri().toString();
    }

    /**
     * Opens a document and returns every publication up to and including the one for this document's version: its
     * own diagnostics last, those of the files it imports before.
     */
    List<PublishDiagnosticsParams> open(String uri, String text) throws Exception {
        int opened = ++version;
        server.getTextDocumentService()
                .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "spd", opened, text)));
        return awaitDiagnostics(uri, opened);
    }

    List<PublishDiagnosticsParams> open(Path file) throws Exception {
        return open(uri(file), Files.readString(file, StandardCharsets.UTF_8));
    }

    List<PublishDiagnosticsParams> awaitDiagnostics(String uri, int expectedVersion) throws InterruptedException {
        List<PublishDiagnosticsParams> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            PublishDiagnosticsParams next = client.published.poll(100, TimeUnit.MILLISECONDS);
            if (next == null) {
                continue;
            }
            seen.add(next);
            if (next.getUri().equals(uri) && next.getVersion() != null && next.getVersion() == expectedVersion) {
                return seen;
            }
        }
        throw new AssertionError(
                "no diagnostics for " + uri + " version " + expectedVersion + " within " + TIMEOUT + "; got " + seen);
    }

    /** Replaces the document's text (full synchronisation) without waiting for anything. */
    int change(String uri, String text) {
        int changed = ++version;
        server.getTextDocumentService()
                .didChange(new org.eclipse.lsp4j.DidChangeTextDocumentParams(
                        new org.eclipse.lsp4j.VersionedTextDocumentIdentifier(uri, changed),
                        List.of(new org.eclipse.lsp4j.TextDocumentContentChangeEvent(text))));
        return changed;
    }

    CompletableFuture<Hover> hoverLater(String uri, int line, int character) {
        return server.getTextDocumentService()
                .hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(line, character)));
    }

    void close(String uri) {
        server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
    }

    Hover hover(String uri, int line, int character) throws Exception {
        return server.getTextDocumentService()
                .hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(line, character)))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    List<CompletionItem> complete(String uri, int line, int character) throws Exception {
        var result = server.getTextDocumentService()
                .completion(new CompletionParams(new TextDocumentIdentifier(uri), new Position(line, character)))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return result.isLeft() ? result.getLeft() : result.getRight().getItems();
    }

    List<? extends Location> definition(String uri, int line, int character) throws Exception {
        var result = server.getTextDocumentService()
                .definition(new DefinitionParams(new TextDocumentIdentifier(uri), new Position(line, character)))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return result.getLeft();
    }

    List<DocumentSymbol> symbols(String uri) throws Exception {
        return server
                .getTextDocumentService()
                .documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri)))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .stream()
                .map(e -> e.getRight())
                .toList();
    }

    @Override
    public void close()
            throws IOException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        try {
            server.shutdown().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (java.nio.channels.Channel channel : channels) {
            channel.close();
        }
    }
}

package spd.lsp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;
import spd.compiler.driver.Frontend;
import spd.compiler.lang.Version;
import spd.compiler.source.SourceFile;

/** spd's language server: what it offers the editor, and the life cycle of a session. */
public final class SpdLanguageServer implements LanguageServer, LanguageClientAware {
    /** How long a hover waits for a derivation before it answers without one (the derivation goes on). */
    static final Duration DERIVATION_BUDGET = Duration.ofMillis(1500);

    private static final String WARM_UP_TEXT = "experiment e {\n  let lambda = 1e-3\n  eta(w) = |w|\n}\n";

    private final Workspace workspace;
    private final SpdTextDocumentService documents;
    private final SpdWorkspaceService workspaceService;
    private volatile int exitCode = 1;

    public SpdLanguageServer() {
        this(DERIVATION_BUDGET);
    }

    /** A server whose hovers wait up to {@code derivationBudget} for a derivation (tests on a busy machine wait longer). */
    SpdLanguageServer(Duration derivationBudget) {
        this(derivationBudget, new Derivations());
    }

    SpdLanguageServer(Duration derivationBudget, Derivations derivations) {
        workspace = new Workspace(new Locations(StandardLibraryFile::locate), derivations);
        documents = new SpdTextDocumentService(
                workspace, new Hovers(derivations, derivationBudget, new Analyzer(workspace.locations())));
        workspaceService = new SpdWorkspaceService(workspace);
    }

    @Override
    public void connect(LanguageClient client) {
        workspace.publishTo(client::publishDiagnostics);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        documents.snippets(snippetSupport(params));
        // While the editor finishes the handshake and sends the first document, load the front end on the other core:
        // the first diagnostics are what the user waits for.
        Thread warmUp = new Thread(
                () -> Frontend.run(
                        new SourceFile("<warm-up>", WARM_UP_TEXT), Path.of("").toAbsolutePath()),
                "spd-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        ServerCapabilities capabilities = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Full);
        sync.setSave(new SaveOptions(false));
        capabilities.setTextDocumentSync(sync);
        capabilities.setHoverProvider(true);
        capabilities.setDefinitionProvider(true);
        capabilities.setDocumentSymbolProvider(true);
        CompletionOptions completion = new CompletionOptions();
        completion.setTriggerCharacters(java.util.List.of(" ", "(", ",", "="));
        capabilities.setCompletionProvider(completion);
        return CompletableFuture.completedFuture(
                new InitializeResult(capabilities, new ServerInfo("spd", Version.VERSION)));
    }

    private static boolean snippetSupport(InitializeParams params) {
        var capabilities = params.getCapabilities();
        var text = capabilities == null ? null : capabilities.getTextDocument();
        var completion = text == null ? null : text.getCompletion();
        var item = completion == null ? null : completion.getCompletionItem();
        return item != null && Boolean.TRUE.equals(item.getSnippetSupport());
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        exitCode = 0;
        workspace.shutdown();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        Main.exit(exitCode);
    }

    /** LSP's exit code: 0 after a shutdown request, 1 without one. */
    int exitCode() {
        return exitCode;
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspaceService;
    }
}

package spd.lsp;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/** The text-document half of the protocol: buffers in, diagnostics out, and the requests on a position. */
final class SpdTextDocumentService implements TextDocumentService {
    private final Workspace workspace;
    private final Hovers hovers;
    private final Definitions definitions;
    private volatile boolean snippets = true;

    SpdTextDocumentService(Workspace workspace, Hovers hovers) {
        this.workspace = workspace;
        this.hovers = hovers;
        this.definitions = new Definitions(workspace.locations());
    }

    /** Whether the client expands snippets in completions ({@code ${1:eps}}); it says so when it initializes. */
    void snippets(boolean supported) {
        snippets = supported;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var document = params.getTextDocument();
        workspace.update(new OpenDocument(document.getUri(), document.getVersion(), document.getText()));
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        // Full synchronisation: the last change holds the whole text.
        List<TextDocumentContentChangeEvent> changes = params.getContentChanges();
        if (changes.isEmpty()) {
            return;
        }
        workspace.update(new OpenDocument(
                uri,
                params.getTextDocument().getVersion(),
                changes.get(changes.size() - 1).getText()));
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        workspace.close(params.getTextDocument().getUri());
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        workspace.recheckAll();
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        String uri = params.getTextDocument().getUri();
        return workspace
                .analysis(uri)
                .thenApplyAsync(analysis -> analysis.flatMap(
                                a -> hovers.at(a, offset(a.document().text(), params.getPosition())))
                        .orElse(null));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        String uri = params.getTextDocument().getUri();
        Optional<OpenDocument> document = workspace.document(uri);
        if (document.isEmpty()) {
            return CompletableFuture.completedFuture(Either.forLeft(List.of()));
        }
        String text = document.get().text();
        return CompletableFuture.supplyAsync(() -> {
            List<CompletionItem> items =
                    Completions.at(text, offset(text, params.getPosition()), workspace.lastParsed(uri));
            return Either.forLeft(snippets ? items : Completions.withoutSnippets(items));
        });
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        String uri = params.getTextDocument().getUri();
        return workspace
                .analysis(uri)
                .thenApply(analysis -> Either.forLeft(analysis.map(
                                a -> definitions.at(a, offset(a.document().text(), params.getPosition())))
                        .orElse(List.of())));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
            DocumentSymbolParams params) {
        String uri = params.getTextDocument().getUri();
        return workspace
                .analysis(uri)
                .thenApply(analysis -> analysis.flatMap(Analysis::ast)
                        .or(() -> workspace.lastParsed(uri).flatMap(Analysis::ast))
                        .map(file -> Symbols.of(file).stream()
                                .<Either<SymbolInformation, DocumentSymbol>>map(Either::forRight)
                                .toList())
                        .orElse(List.of()));
    }

    /** An LSP position (line, UTF-16 column) as an offset into the text; past the end of a line is its end. */
    static int offset(String text, Position position) {
        int offset = 0;
        for (int line = 0; line < position.getLine(); line++) {
            int newline = text.indexOf('\n', offset);
            if (newline < 0) {
                return text.length();
            }
            offset = newline + 1;
        }
        int lineEnd = text.indexOf('\n', offset);
        int end = lineEnd < 0 ? text.length() : lineEnd;
        return Math.min(offset + position.getCharacter(), end);
    }
}

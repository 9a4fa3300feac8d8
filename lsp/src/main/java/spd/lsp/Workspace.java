package spd.lsp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;

/**
 * The open documents and their analyses. Every open and edit queues an analysis on one thread, in order; its
 * diagnostics are published unless a newer version came in meanwhile. Derivations run elsewhere
 * ({@link Derivations}), so they never hold diagnostics up; an edit cancels the document's unfinished ones.
 */
final class Workspace {
    /** One open document: its newest text, the analysis of that text, and the newest analysis that parsed. */
    private static final class State {
        volatile OpenDocument document;
        volatile CompletableFuture<Analysis> analysis;
        volatile Analysis lastParsed;
    }

    private final Map<String, State> open = new ConcurrentHashMap<>();
    private final Locations locations;
    private final Analyzer analyzer;
    private final Derivations derivations;
    private final DiagnosticBoard board = new DiagnosticBoard();
    private final ExecutorService analysisThread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "spd-analysis");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Consumer<PublishDiagnosticsParams> publisher = p -> {};
    private final java.util.concurrent.atomic.AtomicBoolean warmedUp = new java.util.concurrent.atomic.AtomicBoolean();

    Workspace(Locations locations, Derivations derivations) {
        this.locations = locations;
        this.analyzer = new Analyzer(locations);
        this.derivations = derivations;
    }

    void publishTo(Consumer<PublishDiagnosticsParams> publisher) {
        this.publisher = publisher;
    }

    Locations locations() {
        return locations;
    }

    /** A new text for a document (opened or edited): cancels its derivations and queues its analysis. */
    void update(OpenDocument document) {
        locations.remember(document.uri());
        derivations.cancel(document.uri());
        State state = open.computeIfAbsent(document.uri(), uri -> new State());
        synchronized (state) {
            state.document = document;
            state.analysis = CompletableFuture.supplyAsync(() -> analyzeAndPublish(state, document), analysisThread);
        }
    }

    /** Saved files may be imported by open ones: every open document is checked again. */
    void recheckAll() {
        open.values().forEach(state -> {
            OpenDocument document = state.document;
            if (document != null) {
                update(document);
            }
        });
    }

    void close(String uri) {
        State state = open.remove(uri);
        derivations.cancel(uri);
        if (state != null) {
            analysisThread.execute(() -> board.replace(uri, null, Map.of()).forEach(publisher));
        }
    }

    Optional<OpenDocument> document(String uri) {
        return Optional.ofNullable(open.get(uri)).map(s -> s.document);
    }

    /** The analysis of the document's newest text (waits for it when it is still queued). */
    CompletableFuture<Optional<Analysis>> analysis(String uri) {
        State state = open.get(uri);
        if (state == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return state.analysis.thenApply(Optional::of);
    }

    /** The newest analysis of the document that parsed, for completion while the current text does not. */
    Optional<Analysis> lastParsed(String uri) {
        return Optional.ofNullable(open.get(uri)).map(s -> s.lastParsed);
    }

    void shutdown() {
        // Not shutdownNow: interrupting the analysis thread while it writes diagnostics to an interruptible channel
        // (a pipe, a socket) closes that channel, and the answer to the shutdown request is then never delivered.
        // An analysis is short and its thread a daemon; let it finish.
        analysisThread.shutdown();
        derivations.shutdown();
    }

    private Analysis analyzeAndPublish(State state, OpenDocument document) {
        Analysis analysis = analyzer.analyze(document);
        if (analysis.ast().isPresent()) {
            state.lastParsed = analysis;
        }
        if (state.document == document && open.get(document.uri()) == state) {
            Map<String, List<Diagnostic>> byTarget = new java.util.LinkedHashMap<>();
            LspDiagnostics.byFile(analysis.result().diagnostics().sorted())
                    .forEach((path, diagnostics) -> byTarget.merge(locations.uriOf(path), diagnostics, (a, b) -> {
                        List<Diagnostic> both = new java.util.ArrayList<>(a);
                        both.addAll(b);
                        return both;
                    }));
            board.replace(document.uri(), document.version(), byTarget).forEach(publisher);
        }
        // After the first diagnostics are out, warm the derivation up on an experiment of the file (if it has one).
        if (!analysis.result().experiments().isEmpty() && warmedUp.compareAndSet(false, true)) {
            derivations.warmUp(spd.compiler.penalty.DerivationInputs.of(
                    analysis.result().experiments().get(0)));
        }
        return analysis;
    }
}

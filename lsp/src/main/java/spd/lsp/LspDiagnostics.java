package spd.lsp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import spd.compiler.diag.Severity;
import spd.compiler.source.SourceFile;
import spd.compiler.source.Span;

/**
 * spd's diagnostics in LSP form: the same code, span and message as {@code spd check}, the {@code = help:} notes as
 * {@code help:} lines under the message (editors show the message, not extra fields).
 */
final class LspDiagnostics {
    static final String SOURCE = "spd";
    static final String HELP_PREFIX = "\nhelp: ";

    private LspDiagnostics() {}

    /** The diagnostics of one analysis, grouped by the display path of the file each points into, in check's order. */
    static Map<String, List<Diagnostic>> byFile(List<spd.compiler.diag.Diagnostic> diagnostics) {
        Map<String, List<Diagnostic>> byFile = new LinkedHashMap<>();
        for (spd.compiler.diag.Diagnostic diagnostic : diagnostics) {
            byFile.computeIfAbsent(diagnostic.span().file().path(), path -> new java.util.ArrayList<>())
                    .add(toLsp(diagnostic));
        }
        return byFile;
    }

    static Diagnostic toLsp(spd.compiler.diag.Diagnostic diagnostic) {
        Span span = diagnostic.span();
        Range range = new Range(position(span.file(), span.start()), position(span.file(), span.end()));
        StringBuilder message = new StringBuilder(diagnostic.message());
        diagnostic.help().forEach(help -> message.append(HELP_PREFIX).append(help));
        return new Diagnostic(
                range,
                message.toString(),
                severity(diagnostic.severity()),
                SOURCE,
                diagnostic.code().name());
    }

    /** An offset as an LSP position; Java strings count UTF-16 units, as LSP does by default. */
    static Position position(SourceFile file, int offset) {
        return new Position(file.lineOf(offset) - 1, file.columnOf(offset) - 1);
    }

    static Range range(Span span) {
        return new Range(position(span.file(), span.start()), position(span.file(), span.end()));
    }

    private static DiagnosticSeverity severity(Severity severity) {
        return switch (severity) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
        };
    }
}

package spd.compiler.diag;

import spd.compiler.source.Span;

/**
 * Renders a diagnostic the way rustc does: a {@code path:line:col: error[CODE]: message} header, the
 * source line, a caret under the span, and {@code = help:} notes.
 */
public final class DiagnosticRenderer {
    private static final int MAX_CARETS = 80;

    private DiagnosticRenderer() {}

    public static String render(Diagnostic diagnostic) {
        Span span = diagnostic.span();
        int line = span.line();
        String gutter = " ".repeat(String.valueOf(line).length());
        StringBuilder out = new StringBuilder();
        out.append(span)
                .append(": ")
                .append(diagnostic.severity().label())
                .append('[')
                .append(diagnostic.code().name())
                .append("]: ")
                .append(diagnostic.message())
                .append('\n');
        String sourceLine = span.file().line(line);
        out.append(gutter).append(" |\n");
        out.append(line).append(" | ").append(expandTabs(sourceLine)).append('\n');
        out.append(gutter).append(" | ").append(caretLine(sourceLine, span)).append('\n');
        for (String help : diagnostic.help()) {
            out.append(gutter).append(" = help: ").append(help).append('\n');
        }
        return out.toString();
    }

    private static String caretLine(String sourceLine, Span span) {
        int column = span.column() - 1;
        int lineEnd = codeEnd(sourceLine, column);
        int width = Math.max(1, Math.min(span.end() - span.start(), lineEnd - column));
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < column && i < sourceLine.length(); i++) {
            pad.append(sourceLine.charAt(i) == '\t' ? "    " : " ");
        }
        pad.append(" ".repeat(Math.max(0, column - sourceLine.length())));
        return pad + "^".repeat(Math.min(width, MAX_CARETS));
    }

    /** Where the code of a line ends: before a trailing comment and spaces (a span running on stops there). */
    private static int codeEnd(String line, int from) {
        int comment = line.indexOf("//", Math.min(from + 1, line.length()));
        int end = comment >= 0 ? comment : line.length();
        while (end > from + 1 && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static String expandTabs(String line) {
        return line.replace("\t", "    ");
    }
}

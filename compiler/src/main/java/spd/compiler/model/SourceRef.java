package spd.compiler.model;

import spd.compiler.source.Span;

/**
 * Where a model element came from: the line number and the text of that line, quoted in reports and code, and the
 * span itself, where a diagnostic about the element points.
 */
public record SourceRef(int line, String text, Span span) {
    /** The line a span starts on, without its trailing comment. */
    public static SourceRef of(Span span) {
        return new SourceRef(span.line(), withoutComment(span.lineText()), span);
    }

    /** A source line without a trailing {@code //} comment (outside strings) and trailing spaces. */
    static String withoutComment(String line) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                inString = !inString;
            } else if (!inString && c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                return line.substring(0, i).stripTrailing();
            }
        }
        return line.stripTrailing();
    }

    /** Lines {@code first..last} of a multi-line construct, as "12" or "12-15". */
    public static String lines(Span span) {
        int first = span.line();
        int last = span.file().lineOf(Math.max(span.start(), span.end() - 1));
        return first == last ? String.valueOf(first) : first + "-" + last;
    }
}

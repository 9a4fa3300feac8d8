package spd.compiler.source;

/** A half-open character range [start, end) of a source file: where a node or a diagnostic points. */
public record Span(SourceFile file, int start, int end) {

    public Span {
        if (end < start) {
            end = start;
        }
    }

    /** A span covering both this one and {@code other} (same file). */
    public Span to(Span other) {
        return new Span(file, Math.min(start, other.start), Math.max(end, other.end));
    }

    public int line() {
        return file.lineOf(start);
    }

    public int column() {
        return file.columnOf(start);
    }

    /** The source text the span covers. */
    public String text() {
        String all = file.text();
        return all.substring(Math.min(start, all.length()), Math.min(end, all.length()));
    }

    /** The full source line on which the span starts, trimmed: how reports quote a declaration. */
    public String lineText() {
        return file.line(line()).strip();
    }

    @Override
    public String toString() {
        return file.path() + ":" + line() + ":" + column();
    }
}

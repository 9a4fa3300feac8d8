package spd.compiler.diag;

import java.util.List;
import spd.compiler.source.Span;

/** One finding about a source file: a code, a message, where it points, and hints on what to do. */
public record Diagnostic(Code code, String message, Span span, List<String> help) {

    public Diagnostic {
        help = List.copyOf(help);
    }

    public Severity severity() {
        return code.severity();
    }

    public boolean isError() {
        return severity() == Severity.ERROR;
    }
}

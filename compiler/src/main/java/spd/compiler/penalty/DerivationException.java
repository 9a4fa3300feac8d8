package spd.compiler.penalty;

import java.util.List;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostic;
import spd.compiler.source.SourceFile;
import spd.compiler.source.Span;

/** A derivation that cannot proceed because of the input; the message says what the user should change. */
public final class DerivationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DerivationException(String message) {
        super(message);
    }

    /** The failure as a diagnostic at the rule it is about (the file's start when the input has no span). */
    public Diagnostic diagnostic(DerivationInput input) {
        Span at = input.at().orElseGet(() -> new Span(new SourceFile(input.sourcePath(), ""), 0, 0));
        return new Diagnostic(Code.E0702, getMessage(), at, List.of());
    }
}

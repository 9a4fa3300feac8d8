package spd.compiler.codegen;

import java.util.List;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostic;
import spd.compiler.model.SourceRef;

/** A construct the checker accepts but no Java can be generated for (e.g. a function ND4J lacks). */
public final class CodegenException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient SourceRef at;

    public CodegenException(String message, SourceRef at) {
        super(message);
        this.at = at;
    }

    public SourceRef at() {
        return at;
    }

    /** The failure as a diagnostic at the construct it is about, rendered like the checker's. */
    public Diagnostic diagnostic() {
        return new Diagnostic(Code.E0701, getMessage(), at.span(), List.of());
    }
}

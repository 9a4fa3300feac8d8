package spd.compiler.diag;

/**
 * The stable diagnostic codes of spd. Codes never change meaning once published: tools and the
 * `examples/errors` annotations refer to them.
 */
public enum Code {
    // Input and syntax.
    E0001(Severity.ERROR, "syntax error"),
    E0002(Severity.ERROR, "nesting too deep"),
    E0003(Severity.ERROR, "file is not valid UTF-8"),
    E0004(Severity.ERROR, "cannot read file"),
    E0005(Severity.ERROR, "unexpected character"),
    E0006(Severity.ERROR, "unterminated string"),
    E0007(Severity.ERROR, "unterminated comment"),
    W0008(Severity.WARNING, "file declares nothing"),

    // Names.
    E0101(Severity.ERROR, "unknown name"),
    E0102(Severity.ERROR, "duplicate definition"),
    E0103(Severity.ERROR, "unknown function"),
    E0104(Severity.ERROR, "wrong number of arguments"),
    E0105(Severity.ERROR, "unknown parameter"),
    E0106(Severity.ERROR, "misplaced argument"),
    E0107(Severity.ERROR, "import not found"),
    E0109(Severity.ERROR, "reserved name"),
    E0110(Severity.ERROR, "misplaced variable"),
    E0111(Severity.ERROR, "import cycle"),

    // Blocks and settings.
    E0201(Severity.ERROR, "unknown kind"),
    E0202(Severity.ERROR, "unknown setting"),
    E0203(Severity.ERROR, "invalid setting value"),
    E0204(Severity.ERROR, "missing setting"),
    E0205(Severity.ERROR, "missing block"),
    E0206(Severity.ERROR, "duplicate block"),
    E0207(Severity.ERROR, "unknown definition"),

    // Network and layers.
    E0301(Severity.ERROR, "invalid layer size"),
    E0302(Severity.ERROR, "input size does not match the data"),
    E0303(Severity.ERROR, "output size does not match the data"),
    E0304(Severity.ERROR, "incomplete network"),
    E0305(Severity.ERROR, "loss does not fit the data"),
    E0306(Severity.ERROR, "undefined layer"),
    E0307(Severity.ERROR, "layer targeted twice"),
    E0308(Severity.ERROR, "window larger than its input"),
    W0309(Severity.WARNING, "stride does not fit the input"),
    E0310(Severity.ERROR, "image layer on a vector"),
    E0311(Severity.ERROR, "image input on non-image data"),
    W0312(Severity.WARNING, "flatten of a vector"),

    // Masking rules, penalties, pruning.
    E0401(Severity.ERROR, "keep probability out of range"),
    W0402(Severity.WARNING, "rule does not depend on w"),
    E0403(Severity.ERROR, "eta used but not defined"),
    E0404(Severity.ERROR, "unsupported combination"),
    E0405(Severity.ERROR, "invalid variance"),
    W0406(Severity.WARNING, "unused definition"),
    E0407(Severity.ERROR, "invalid prune rule"),
    E0408(Severity.ERROR, "penalty without omega(w)"),
    E0409(Severity.ERROR, "eta-trick without f(eta)"),
    E0410(Severity.ERROR, "penalty without a derivative"),
    E0411(Severity.ERROR, "invalid reweighting"),
    E0412(Severity.ERROR, "condition does not depend on the variable"),
    W0413(Severity.WARNING, "prox keep without the step size lr"),

    // Numbers.
    E0501(Severity.ERROR, "number out of range"),
    E0502(Severity.ERROR, "integer expected"),
    E0503(Severity.ERROR, "invalid constant"),

    // Data files.
    E0601(Severity.ERROR, "data file not found or unreadable"),
    E0602(Severity.ERROR, "invalid data file"),
    E0603(Severity.ERROR, "data file too large"),

    // Back ends: what only code generation or the derivation can find out.
    E0701(Severity.ERROR, "cannot generate code"),
    E0702(Severity.ERROR, "cannot derive the penalty"),

    // Internal: a bug in spd, never a user mistake.
    E9999(Severity.ERROR, "internal compiler error");

    private final Severity severity;
    private final String title;

    Code(Severity severity, String title) {
        this.severity = severity;
        this.title = title;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }
}

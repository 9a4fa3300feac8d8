package spd.compiler.sym;

/** The comparison of a {@link Condition}. */
public enum Relation {
    LT("<", "<"),
    LE("<=", "\\le"),
    GT(">", ">"),
    GE(">=", "\\ge");

    private final String text;
    private final String latex;

    Relation(String text, String latex) {
        this.text = text;
        this.latex = latex;
    }

    public String text() {
        return text;
    }

    public String latex() {
        return latex;
    }

    public boolean test(double left, double right) {
        return switch (this) {
            case LT -> left < right;
            case LE -> left <= right;
            case GT -> left > right;
            case GE -> left >= right;
        };
    }

    /** The relation with its sides swapped: a &lt; b is b &gt; a. */
    public Relation flipped() {
        return switch (this) {
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
        };
    }
}

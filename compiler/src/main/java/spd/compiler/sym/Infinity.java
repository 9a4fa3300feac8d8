package spd.compiler.sym;

/** Positive infinity; as a reweighting value it means keep probability 1 and zero penalty slope. */
public record Infinity() implements Expr {
    static final Infinity INSTANCE = new Infinity();

    @Override
    public String toString() {
        return "inf";
    }
}

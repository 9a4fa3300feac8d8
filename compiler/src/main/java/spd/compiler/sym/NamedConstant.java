package spd.compiler.sym;

/** A transcendental constant that derivatives produce (pi, from the derivative of erf). */
public record NamedConstant(String name, double value) implements Expr {
    static final NamedConstant PI_CONSTANT = new NamedConstant("pi", Math.PI);

    @Override
    public String toString() {
        return name;
    }
}

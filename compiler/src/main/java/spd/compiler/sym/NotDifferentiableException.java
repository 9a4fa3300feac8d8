package spd.compiler.sym;

/** Thrown when an expression calls a function that has no symbolic derivative (one known only numerically). */
public final class NotDifferentiableException extends RuntimeException {
    public NotDifferentiableException(String message) {
        super(message);
    }
}

package spd.compiler.penalty;

/** A derivation that cannot proceed because of the input; the message says what the user should change. */
public final class DerivationException extends RuntimeException {
  public DerivationException(String message) {
    super(message);
  }
}

package spd.compiler.codegen;

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
}

package spd.compiler.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import spd.compiler.source.Span;

/**
 * Collects diagnostics across the stages of the pipeline. It never throws: each stage reports and goes
 * on, and the driver aborts between stages when {@link #hasErrors()}.
 */
public final class Diagnostics {
  private final List<Diagnostic> all = new ArrayList<>();

  public void report(Code code, Span span, String message, String... help) {
    add(new Diagnostic(code, message, span, List.of(help)));
  }

  public void add(Diagnostic diagnostic) {
    boolean duplicate = all.stream().anyMatch(d -> d.code() == diagnostic.code()
        && d.span().start() == diagnostic.span().start() && d.message().equals(diagnostic.message()));
    if (!duplicate) {
      all.add(diagnostic);
    }
  }

  public boolean hasErrors() {
    return all.stream().anyMatch(Diagnostic::isError);
  }

  public long errorCount() {
    return all.stream().filter(Diagnostic::isError).count();
  }

  public long warningCount() {
    return all.size() - errorCount();
  }

  /** The diagnostics in source order (file, then offset), as they are shown to the user. */
  public List<Diagnostic> sorted() {
    return all.stream()
        .sorted(Comparator.comparing((Diagnostic d) -> d.span().file().path())
            .thenComparingInt(d -> d.span().start()))
        .toList();
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }
}

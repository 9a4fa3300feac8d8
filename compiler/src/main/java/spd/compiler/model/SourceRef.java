package spd.compiler.model;

import spd.compiler.source.Span;

/** Where a model element came from: the line number and the text of that line, quoted in reports and code. */
public record SourceRef(int line, String text) {
  public static SourceRef of(Span span) {
    return new SourceRef(span.line(), span.lineText());
  }

  /** Lines {@code first..last} of a multi-line construct, as "12" or "12-15". */
  public static String lines(Span span) {
    int first = span.line();
    int last = span.file().lineOf(Math.max(span.start(), span.end() - 1));
    return first == last ? String.valueOf(first) : first + "-" + last;
  }
}

package spd.compiler.ast;

import java.util.List;
import spd.compiler.source.Span;

/** {@code data mnist { validation 0.2 }} or {@code data linear { n 200, d 500, ... }}. */
public record DataBlock(Ident kind, List<Setting> settings, Span span) implements Statement {
  public DataBlock {
    settings = List.copyOf(settings);
  }
}

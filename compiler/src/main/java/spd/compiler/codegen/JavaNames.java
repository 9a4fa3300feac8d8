package spd.compiler.codegen;

import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;

/** Java names from DSL names: {@code lenet300_adadrop} → {@code Lenet300Adadrop}, {@code lambda} → {@code LAMBDA}. */
final class JavaNames {
  private static final Set<String> TAKEN_METHODS = Set.of("experiment", "data", "network", "training");

  private JavaNames() {}

  static String className(String experiment) {
    StringBuilder out = new StringBuilder();
    for (String part : experiment.split("_+")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    String name = out.isEmpty() ? "Experiment" : out.toString();
    return Character.isJavaIdentifierStart(name.charAt(0)) ? name : "Experiment" + name;
  }

  static String constant(String name) {
    String upper = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    return SourceVersion.isKeyword(upper.toLowerCase(Locale.ROOT)) ? upper + "_" : upper;
  }

  /** A method name for a DSL function: {@code eta}, {@code keepFc1}; never clashes with Java keywords. */
  static String method(String name) {
    String camel = camel(name);
    return SourceVersion.isKeyword(camel) || TAKEN_METHODS.contains(camel) ? camel + "Rule" : camel;
  }

  private static String camel(String name) {
    String[] parts = name.split("_+");
    StringBuilder out = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      if (!parts[i].isEmpty()) {
        out.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
      }
    }
    return out.toString();
  }
}

package spd.compiler.check;

import java.util.LinkedHashMap;
import java.util.Map;
import spd.compiler.ast.LetDecl;
import spd.compiler.source.Span;

/** The {@code let} constants of an experiment in source order, with the values of those that evaluate. */
final class Constants {
    private final Map<String, LetDecl> declarations = new LinkedHashMap<>();
    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Map<String, Double> valuesView = java.util.Collections.unmodifiableMap(values);
    /** Where each constant is defined; scopes share a read-only view of it, so making one costs nothing. */
    private final Map<String, Span> spans = new LinkedHashMap<>();

    private final Map<String, Span> spansView = java.util.Collections.unmodifiableMap(spans);

    void add(LetDecl let, Double value) {
        declarations.put(let.name().name(), let);
        spans.put(let.name().name(), let.name().span());
        if (value != null) {
            values.put(let.name().name(), value);
        }
    }

    boolean contains(String name) {
        return declarations.containsKey(name);
    }

    LetDecl declaration(String name) {
        return declarations.get(name);
    }

    Map<String, Double> values() {
        return values;
    }

    /** A scope in which every constant is visible and the given variables are allowed. */
    Scope scope(java.util.Set<String> variables, String where) {
        return new Scope(spansView, valuesView, variables, where);
    }
}

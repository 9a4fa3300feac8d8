package spd.compiler.lang;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spd.compiler.ast.FunctionDef;
import spd.compiler.ast.RuleDecl;

/** The named rules visible in a file: those it declares and those it imports, by name. */
public final class RuleTable {
    private final Map<String, RuleDecl> rules = new LinkedHashMap<>();
    private final Set<String> standardNames;

    public RuleTable(Set<String> standardNames) {
        this.standardNames = Set.copyOf(standardNames);
    }

    /** Adds a rule; false when a rule of that name is already visible. */
    public boolean add(RuleDecl rule) {
        return rules.putIfAbsent(rule.name().name(), rule) == null;
    }

    public Optional<RuleDecl> find(String name) {
        return Optional.ofNullable(rules.get(name));
    }

    public Set<String> names() {
        return rules.keySet();
    }

    /** Whether the standard library has a rule of this name (to suggest {@code import std}). */
    public boolean isStandard(String name) {
        return standardNames.contains(name);
    }

    /** The function a rule defines under a name ({@code eta}, {@code omega}, {@code f}, {@code f'}). */
    public static Optional<FunctionDef> function(RuleDecl rule, String displayName) {
        return rule.functions().stream()
                .filter(f -> f.displayName().equals(displayName))
                .findFirst();
    }
}

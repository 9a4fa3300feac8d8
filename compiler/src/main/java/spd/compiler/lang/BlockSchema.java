package spd.compiler.lang;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one kind of block accepts: settings, bindings ({@code keep = ...}) and functions
 * ({@code f(eta) = ...}), and which bindings or functions it requires (any one of {@code requiredOneOf}).
 */
public record BlockSchema(
        String description,
        Map<String, SettingSpec> settings,
        Set<String> bindings,
        Set<String> functions,
        List<String> requiredOneOf) {

    public BlockSchema {
        settings = new LinkedHashMap<>(settings);
        bindings = Set.copyOf(bindings);
        functions = Set.copyOf(functions);
        requiredOneOf = List.copyOf(requiredOneOf);
    }

    static BlockSchema of(String description, List<SettingSpec> settings) {
        return new BlockSchema(description, index(settings), Set.of(), Set.of(), List.of());
    }

    static BlockSchema mask(
            String description,
            List<SettingSpec> settings,
            Set<String> bindings,
            Set<String> functions,
            List<String> requiredOneOf) {
        return new BlockSchema(description, index(settings), bindings, functions, requiredOneOf);
    }

    public SettingSpec setting(String key) {
        return settings.get(key);
    }

    private static Map<String, SettingSpec> index(List<SettingSpec> settings) {
        Map<String, SettingSpec> byKey = new LinkedHashMap<>();
        settings.forEach(s -> byKey.put(s.key(), s));
        return byKey;
    }
}

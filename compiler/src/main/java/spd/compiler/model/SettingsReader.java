package spd.compiler.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.ast.Expr;
import spd.compiler.ast.Setting;
import spd.compiler.ast.SettingValue;
import spd.compiler.lang.BlockSchema;
import spd.compiler.lang.Lowering;
import spd.compiler.lang.SettingSpec;

/** Reads a checked block's settings by key, falling back to the schema's defaults. */
final class SettingsReader {
    private final List<Setting> settings;
    private final BlockSchema schema;
    private final Map<String, Double> constants;

    SettingsReader(List<Setting> settings, BlockSchema schema, Map<String, Double> constants) {
        this.settings = settings;
        this.schema = schema;
        this.constants = constants;
    }

    private Optional<SettingValue> value(String key) {
        return settings.stream()
                .filter(s -> s.key().name().equals(key))
                .findFirst()
                .flatMap(Setting::value);
    }

    double number(String key) {
        return value(key).map(v -> evaluate(((SettingValue.Value) v).expr())).orElseGet(() -> {
            SettingSpec spec = schema.setting(key);
            if (spec.defaultValue() == null) {
                throw new IllegalStateException("setting " + key + " has no value and no default (unchecked AST?)");
            }
            return spec.defaultValue();
        });
    }

    int integer(String key) {
        return (int) Math.round(number(key));
    }

    String word(String key) {
        return value(key)
                .map(v -> ((Expr.Name) ((SettingValue.Value) v).expr()).name())
                .orElseGet(() -> schema.setting(key).defaultWord());
    }

    Optional<String> text(String key) {
        return value(key).map(v -> ((SettingValue.Text) v).value());
    }

    boolean has(String key) {
        return value(key).isPresent();
    }

    int[] range(String key) {
        SettingValue.Range range = (SettingValue.Range)
                value(key).orElseThrow(() -> new IllegalStateException("range " + key + " missing (unchecked AST?)"));
        return new int[] {(int) Math.round(evaluate(range.from())), (int) Math.round(evaluate(range.to()))};
    }

    private double evaluate(Expr expr) {
        return Lowering.lower(expr).evaluate(constants);
    }
}

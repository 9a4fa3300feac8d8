package spd.compiler.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import spd.compiler.ast.Expr;
import spd.compiler.ast.LayerTarget;
import spd.compiler.ast.Setting;
import spd.compiler.ast.SettingValue;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.lang.BlockSchema;
import spd.compiler.lang.SettingSpec;
import spd.compiler.lang.ValueKind;
import spd.compiler.source.Span;

/** Checks a block's {@code key value} settings against its {@link BlockSchema}. */
final class SettingsChecker {
    private final Diagnostics diagnostics;
    private final ExprChecker exprs;
    private final Constants constants;

    SettingsChecker(Diagnostics diagnostics, ExprChecker exprs, Constants constants) {
        this.diagnostics = diagnostics;
        this.exprs = exprs;
        this.constants = constants;
    }

    /** Checks the settings; returns the numeric values that could be read, by key. */
    Map<String, Double> check(List<Setting> settings, BlockSchema schema, String blockName, Span blockSpan) {
        Map<String, Double> values = new HashMap<>();
        Map<String, Setting> seen = new HashMap<>();
        for (Setting setting : settings) {
            String key = setting.key().name();
            SettingSpec spec = schema.setting(key);
            if (spec == null) {
                reportUnknown(setting, schema, blockName);
                continue;
            }
            Setting first = seen.putIfAbsent(key, setting);
            if (first != null) {
                diagnostics.report(
                        Code.E0102,
                        setting.key().span(),
                        "setting '" + key + "' is given twice in " + blockName,
                        "first given at line " + first.span().line());
                continue;
            }
            checkValue(setting, spec, blockName).ifPresent(v -> values.put(key, v));
        }
        for (SettingSpec spec : schema.settings().values()) {
            if (spec.required() && !seen.containsKey(spec.key())) {
                diagnostics.report(
                        Code.E0204,
                        blockSpan,
                        blockName + " needs the setting '" + spec.key() + "'",
                        "add '" + spec.key() + " ...': " + spec.meaning() + " ("
                                + spec.kind().description() + ")");
            }
        }
        return values;
    }

    private void reportUnknown(Setting setting, BlockSchema schema, String blockName) {
        String key = setting.key().name();
        String[] help = Suggestions.didYouMean(key, schema.settings().keySet());
        if (help.length == 0) {
            help = new String[] {
                schema.settings().isEmpty()
                        ? blockName + " takes no settings"
                        : blockName + " takes "
                                + String.join(", ", schema.settings().keySet())
            };
        }
        diagnostics.report(Code.E0202, setting.key().span(), "unknown setting '" + key + "' in " + blockName, help);
    }

    private OptionalDouble checkValue(Setting setting, SettingSpec spec, String blockName) {
        String key = setting.key().name();
        if (setting.value().isEmpty()) {
            diagnostics.report(
                    Code.E0203,
                    setting.span(),
                    "setting '" + key + "' needs a value",
                    "write '" + key + " <value>': " + spec.kind().description());
            return OptionalDouble.empty();
        }
        SettingValue value = setting.value().get();
        return switch (spec.kind()) {
            case WORD -> checkWord(value, spec);
            case TEXT -> checkText(value, spec);
            case INTEGER_RANGE -> checkRange(value, spec);
            case COLUMN ->
                value instanceof SettingValue.Text
                        ? OptionalDouble.empty()
                        : checkNumber(
                                value,
                                new SettingSpec(
                                        spec.key(),
                                        ValueKind.POSITIVE_INTEGER,
                                        spec.required(),
                                        null,
                                        spec.words(),
                                        spec.meaning()));
            default -> checkNumber(value, spec);
        };
    }

    private OptionalDouble checkWord(SettingValue value, SettingSpec spec) {
        if (value instanceof SettingValue.Value(Expr.Name name) && spec.words().contains(name.name())) {
            return OptionalDouble.empty();
        }
        String found = value instanceof SettingValue.Value(Expr.Name name)
                ? name.name()
                : value.span().text();
        String[] help = Suggestions.didYouMean(found, spec.words());
        diagnostics.report(
                Code.E0203,
                value.span(),
                "'" + spec.key() + "' must be one of " + String.join(", ", spec.words()) + ", not '" + abbreviate(found)
                        + "'",
                help);
        return OptionalDouble.empty();
    }

    /**
     * A quoted string: a path or a name, which reaches generated code and the file system, so it must be a single line
     * of printable text (no NUL or other control character), not blank, at most 4096 characters.
     */
    private OptionalDouble checkText(SettingValue value, SettingSpec spec) {
        if (!(value instanceof SettingValue.Text text)) {
            diagnostics.report(
                    Code.E0203,
                    value.span(),
                    "'" + spec.key() + "' must be a quoted string",
                    "write " + spec.key() + " \"...\"");
            return OptionalDouble.empty();
        }
        String problem = text.value().isBlank()
                ? "is empty"
                : text.value().chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                        ? "contains a control character"
                        : text.value().length() > 4096 ? "is longer than 4096 characters" : null;
        if (problem != null) {
            diagnostics.report(
                    Code.E0203,
                    value.span(),
                    "'" + spec.key() + "' " + problem,
                    "write it as " + spec.key() + " \"...\" (paths are relative to this file, or absolute)");
        }
        return OptionalDouble.empty();
    }

    private OptionalDouble checkRange(SettingValue value, SettingSpec spec) {
        if (!(value instanceof SettingValue.Range range)) {
            diagnostics.report(
                    Code.E0203, value.span(), "'" + spec.key() + "' must be a range such as 10..100", spec.meaning());
            return OptionalDouble.empty();
        }
        OptionalDouble from = checkNumericExpr(range.from(), spec.key(), ValueKind.INTEGER);
        OptionalDouble to = checkNumericExpr(range.to(), spec.key(), ValueKind.INTEGER);
        if (from.isPresent() && to.isPresent() && (from.getAsDouble() < 1 || to.getAsDouble() < from.getAsDouble())) {
            diagnostics.report(
                    Code.E0203,
                    range.span(),
                    "range " + range.span().text() + " is empty or starts before 1",
                    "write first..last with 1 <= first <= last (epochs count from 1)");
        }
        return OptionalDouble.empty();
    }

    private OptionalDouble checkNumber(SettingValue value, SettingSpec spec) {
        if (!(value instanceof SettingValue.Value(Expr expr))) {
            diagnostics.report(
                    Code.E0203,
                    value.span(),
                    "'" + spec.key() + "' must be " + spec.kind().description(),
                    spec.meaning());
            return OptionalDouble.empty();
        }
        return checkNumericExpr(expr, spec.key(), spec.kind());
    }

    /** Checks a constant expression and its range for a numeric kind; returns its value when valid. */
    OptionalDouble checkNumericExpr(Expr expr, String key, ValueKind kind) {
        long before = diagnostics.errorCount();
        exprs.check(expr, constants.scope(Set.of(), "a setting value"));
        if (diagnostics.errorCount() > before) {
            return OptionalDouble.empty();
        }
        OptionalDouble value = ConstantEvaluator.evaluate(expr, constants.values());
        if (value.isEmpty()) {
            diagnostics.report(
                    Code.E0503,
                    expr.span(),
                    "'" + key + "' is not a finite number",
                    "'" + key + "' must be " + kind.description());
            return value;
        }
        double v = value.getAsDouble();
        if (!valid(kind, v)) {
            diagnostics.report(
                    codeFor(kind), expr.span(), "'" + key + "' must be " + kind.description() + ", not " + format(v));
            return OptionalDouble.empty();
        }
        return value;
    }

    /**
     * Checks a block's numeric settings again with each target layer's constants ({@code on conv1(sparsity = 0.34)}):
     * a value that a layer's override puts out of range is reported at that override.
     */
    void checkPerLayer(List<Setting> settings, BlockSchema schema, List<LayerTarget> targets, String blockName) {
        for (LayerTarget target : targets) {
            if (target.overrides().isEmpty()) {
                continue;
            }
            Map<String, Double> layerValues = new HashMap<>(constants.values());
            for (Expr.Argument override : target.overrides()) {
                override.name()
                        .ifPresent(name -> ConstantEvaluator.evaluate(override.value(), constants.values())
                                .ifPresent(v -> layerValues.put(name.name(), v)));
            }
            for (Setting setting : settings) {
                SettingSpec spec = schema.setting(setting.key().name());
                if (spec != null && setting.value().orElse(null) instanceof SettingValue.Value(Expr expr)) {
                    checkLayerValue(expr, spec, target, layerValues, blockName);
                }
            }
        }
    }

    private void checkLayerValue(
            Expr expr, SettingSpec spec, LayerTarget target, Map<String, Double> layerValues, String blockName) {
        OptionalDouble shared = ConstantEvaluator.evaluate(expr, constants.values());
        OptionalDouble own = ConstantEvaluator.evaluate(expr, layerValues);
        if (shared.isEmpty() || own.isEmpty() || own.getAsDouble() == shared.getAsDouble()) {
            return; // the shared value was checked, or the setting does not depend on this layer's constants
        }
        double v = own.getAsDouble();
        if (!valid(spec.kind(), v)) {
            diagnostics.report(
                    codeFor(spec.kind()),
                    target.span(),
                    "'" + spec.key() + "' of " + blockName + " on "
                            + target.layer().name() + " must be " + spec.kind().description() + ", not " + format(v),
                    "this layer's constants give " + spec.key() + " "
                            + expr.span().text() + " = " + format(v));
        }
    }

    private static boolean valid(ValueKind kind, double v) {
        return switch (kind) {
            case POSITIVE_INTEGER -> Numbers.isInteger(v) && v >= 1 && v <= Integer.MAX_VALUE;
            case INTEGER -> Numbers.isInteger(v) && Math.abs(v) <= Long.MAX_VALUE / 2.0;
            case FRACTION -> v >= 0 && v < 1;
            case OPEN_FRACTION -> v > 0 && v < 1;
            case PROBABILITY -> v > 0 && v <= 1;
            case NEGATIVE -> v < 0;
            case ABOVE_ONE -> v > 1;
            case POSITIVE -> v > 0;
            case NON_NEGATIVE -> v >= 0;
            case NUMBER, WORD, INTEGER_RANGE, TEXT, COLUMN -> true;
        };
    }

    private static Code codeFor(ValueKind kind) {
        return kind == ValueKind.POSITIVE_INTEGER || kind == ValueKind.INTEGER ? Code.E0502 : Code.E0203;
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String abbreviate(String text) {
        return text.length() > 30 ? text.substring(0, 27) + "..." : text;
    }
}

package spd.compiler.lang;

import java.util.List;

/** One setting a block accepts: its key, type, default (null: required or optional without one) and meaning. */
public record SettingSpec(
        String key, ValueKind kind, boolean required, Double defaultValue, List<String> words, String meaning) {

    public SettingSpec {
        words = List.copyOf(words);
    }

    static SettingSpec required(String key, ValueKind kind, String meaning) {
        return new SettingSpec(key, kind, true, null, List.of(), meaning);
    }

    static SettingSpec optional(String key, ValueKind kind, double defaultValue, String meaning) {
        return new SettingSpec(key, kind, false, defaultValue, List.of(), meaning);
    }

    static SettingSpec optionalNoDefault(String key, ValueKind kind, String meaning) {
        return new SettingSpec(key, kind, false, null, List.of(), meaning);
    }

    static SettingSpec word(String key, boolean required, List<String> words, String meaning) {
        return new SettingSpec(key, ValueKind.WORD, required, null, words, meaning);
    }

    /** The default word of a word setting: its first word. */
    public String defaultWord() {
        return words.getFirst();
    }
}

package spd.compiler.driver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes broken variants of valid sources: token edits, truncations, random bytes, huge numbers, deep nesting. */
final class Mutator {
    private static final Pattern TOKEN =
            Pattern.compile("\\s+|[A-Za-z_][A-Za-z_0-9]*|[0-9.]+(?:[eE][-+]?[0-9]+)?|//[^\\n]*|.");
    private static final String[] HUGE_NUMBERS = {
        "1e999999999",
        "1e-999999999",
        "9".repeat(5000),
        "0." + "0".repeat(400) + "1",
        "1e99999999999999999999",
        "123456789012345678901234567890e300",
        "4.9e-324",
        "1.7976931348623157e308"
    };
    private static final String[] NESTING = {"(", "|", "-", "2^", "piecewise { ", "abs(", "{"};

    private final Random random;

    Mutator(long seed) {
        this.random = new Random(seed);
    }

    /** One mutated variant of {@code source}, as bytes (it may not be valid UTF-8). */
    byte[] mutate(String source) {
        return switch (random.nextInt(10)) {
            case 0 -> utf8(editTokens(source, this::deleteToken));
            case 1 -> utf8(editTokens(source, this::duplicateToken));
            case 2 -> utf8(editTokens(source, this::swapTokens));
            case 3 -> utf8(source.substring(0, random.nextInt(source.length() + 1)));
            case 4 -> randomBytes(source);
            case 5 -> utf8(hugeNumber(source));
            case 6 -> utf8(deepNesting(source));
            case 7 -> utf8(random.nextBoolean() ? "" : " \n\t ".repeat(random.nextInt(5)));
            case 8 -> notUtf8(source);
            default -> utf8(editTokens(editTokens(source, this::deleteToken), this::swapTokens));
        };
    }

    private interface Edit {
        void apply(List<String> tokens);
    }

    private String editTokens(String source, Edit edit) {
        List<String> tokens = tokens(source);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && !tokens.isEmpty(); i++) {
            edit.apply(tokens);
        }
        return String.join("", tokens);
    }

    private void deleteToken(List<String> tokens) {
        tokens.remove(random.nextInt(tokens.size()));
    }

    private void duplicateToken(List<String> tokens) {
        int i = random.nextInt(tokens.size());
        tokens.add(i, tokens.get(i));
    }

    private void swapTokens(List<String> tokens) {
        int i = random.nextInt(tokens.size());
        int j = random.nextInt(tokens.size());
        String t = tokens.get(i);
        tokens.set(i, tokens.get(j));
        tokens.set(j, t);
    }

    private String hugeNumber(String source) {
        List<String> tokens = tokens(source);
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (Character.isDigit(tokens.get(i).charAt(0))) {
                numbers.add(i);
            }
        }
        if (numbers.isEmpty()) {
            return source + " " + HUGE_NUMBERS[random.nextInt(HUGE_NUMBERS.length)];
        }
        tokens.set(numbers.get(random.nextInt(numbers.size())), HUGE_NUMBERS[random.nextInt(HUGE_NUMBERS.length)]);
        return String.join("", tokens);
    }

    private String deepNesting(String source) {
        String opener = NESTING[random.nextInt(NESTING.length)];
        int depth = 50 + random.nextInt(random.nextBoolean() ? 100 : 20000);
        String nested = opener.repeat(depth) + "w";
        String closer = switch (opener) {
            case "(", "abs(" -> ")";
            case "|" -> "|";
            case "piecewise { " -> " otherwise }";
            case "{" -> "}";
            default -> "";
        };
        nested += closer.repeat(random.nextBoolean() ? depth : random.nextInt(depth + 1));
        if (random.nextInt(4) == 0) {
            nested = "1" + " + 1".repeat(depth);
        }
        int at = source.indexOf("= ");
        if (at < 0) {
            return "experiment deep { eta(w) = " + nested + " }";
        }
        return source.substring(0, at + 2) + nested + " " + source.substring(at + 2);
    }

    private byte[] randomBytes(String source) {
        byte[] bytes = utf8(source);
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count && bytes.length > 0; i++) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private byte[] notUtf8(String source) {
        byte[] bytes = source.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, out, 0, bytes.length);
        out[bytes.length] = (byte) 0xC3;
        out[bytes.length + 1] = (byte) 0x28;
        if (random.nextBoolean() && bytes.length > 0) {
            out[random.nextInt(bytes.length)] = (byte) 0xFF;
        }
        return out;
    }

    private static List<String> tokens(String source) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(source);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package spd.compiler.cli;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Words joined into a command a POSIX shell reads back as the same words (printed resume commands). */
final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=,:@%+-]+");

    private ShellWords() {}

    /** The words, each quoted when the shell would otherwise split or expand it. */
    static String join(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }

    /** A word as the shell reads it: as is when plain, else in single quotes (a quote inside as '\''). */
    static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}

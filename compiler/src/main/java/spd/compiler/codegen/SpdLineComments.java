package spd.compiler.codegen;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JavaPoet writes no line comments before members, only Javadoc. The writer marks each member with a
 * one-line Javadoc {@code spd:<line> <source text>}; this pass turns those into the {@code // spd:<line>}
 * comments the generated code promises, deterministically.
 */
final class SpdLineComments {
    private static final Pattern MARKER = Pattern.compile("(?m)^( *)/\\*\\*\\n *\\* (spd:\\d+ .*)\\n *\\*/\\n");

    private SpdLineComments() {}

    static String apply(String source) {
        Matcher matcher = MARKER.matcher(source);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(
                    out, Matcher.quoteReplacement(matcher.group(1) + "// " + matcher.group(2) + "\n"));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The marker text for a member that came from {@code line} of the source, made safe for a comment. */
    static String marker(int line, String text) {
        return "spd:" + line + "  " + Literals.javadoc(text);
    }
}

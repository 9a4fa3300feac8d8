package spd.compiler.source;

import java.util.Arrays;

/** The text of one `.spd` file with its display path and a line table for line:column lookups. */
public final class SourceFile {
    private final String path;
    private final String text;
    private final int[] lineStarts;

    public SourceFile(String path, String text) {
        this.path = path;
        this.text = text;
        this.lineStarts = computeLineStarts(text);
    }

    public String path() {
        return path;
    }

    public String text() {
        return text;
    }

    /** 1-based line of a character offset. */
    public int lineOf(int offset) {
        int index = Arrays.binarySearch(lineStarts, clamp(offset));
        return index >= 0 ? index + 1 : -index - 1;
    }

    /** 1-based column of a character offset. */
    public int columnOf(int offset) {
        int clamped = clamp(offset);
        return clamped - lineStarts[lineOf(clamped) - 1] + 1;
    }

    /** The text of a 1-based line, without its line terminator. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }

    public int lineCount() {
        return lineStarts.length;
    }

    private int clamp(int offset) {
        return Math.max(0, Math.min(offset, text.length()));
    }

    private static int[] computeLineStarts(String text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    @Override
    public String toString() {
        return path;
    }
}

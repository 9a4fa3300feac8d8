package spd.compiler.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.source.SourceFile;
import spd.compiler.source.Span;

/** Reads `.spd` files as strict UTF-8; unreadable or undecodable files become diagnostics, not exceptions. */
public final class SourceLoader {
    /** The largest source file read (16 MB): far beyond any real one, small enough to check in seconds. */
    public static final int MAX_BYTES = 16 << 20;

    private SourceLoader() {}

    public static Optional<SourceFile> load(Path path, Diagnostics diagnostics) {
        return load(path, path.toString(), diagnostics);
    }

    /**
     * Reads {@code path}, naming it {@code display} in diagnostics. Only a regular file of at most {@link #MAX_BYTES}
     * is read, and never more than that many bytes of it: a directory, a device ({@code /dev/zero}), a pipe (which
     * would block) or a huge file is a diagnostic, not a hang or an out-of-memory error.
     */
    public static Optional<SourceFile> load(Path path, String display, Diagnostics diagnostics) {
        byte[] bytes;
        try {
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                diagnostics.report(
                        Code.E0004,
                        emptySpan(display),
                        "cannot read " + display + ": it is not a regular file",
                        "give the path of an .spd file (not a directory, device or pipe)");
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                diagnostics.report(
                        Code.E0004,
                        emptySpan(display),
                        "cannot read " + display + ": it is larger than " + (MAX_BYTES >> 20) + " MB",
                        "an .spd file is a short text; split it, or check the path");
                return Optional.empty();
            }
        } catch (NoSuchFileException e) {
            diagnostics.report(
                    Code.E0004,
                    emptySpan(display),
                    "no such file: " + display,
                    "check the path; examples live under examples/");
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            diagnostics.report(Code.E0004, emptySpan(display), "cannot read " + display + ": " + describe(e));
            return Optional.empty();
        }
        return decode(display, bytes, diagnostics);
    }

    /** Decodes bytes as UTF-8 (a leading byte-order mark is dropped); reports where the first bad byte is. */
    public static Optional<SourceFile> decode(String display, byte[] bytes, Diagnostics diagnostics) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return Optional.of(new SourceFile(display, text));
        } catch (CharacterCodingException e) {
            int offset = firstBadByte(bytes);
            String prefix = new String(bytes, 0, offset, StandardCharsets.UTF_8);
            SourceFile partial = new SourceFile(display, new String(bytes, StandardCharsets.UTF_8));
            int at = Math.min(prefix.length(), partial.text().length());
            diagnostics.report(
                    Code.E0003,
                    new Span(partial, at, at + 1),
                    String.format("byte 0x%02X is not valid UTF-8", bytes[offset] & 0xff),
                    "save the file as UTF-8; spd sources are UTF-8 text");
            return Optional.empty();
        }
    }

    private static int firstBadByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? Math.min(in.position(), bytes.length - 1) : 0;
    }

    private static Span emptySpan(String display) {
        SourceFile empty = new SourceFile(display, "");
        return new Span(empty, 0, 0);
    }

    private static String describe(Exception e) {
        return e instanceof MalformedInputException ? "not UTF-8" : String.valueOf(e.getMessage());
    }
}

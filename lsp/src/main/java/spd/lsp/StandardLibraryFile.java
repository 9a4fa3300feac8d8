package spd.lsp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import spd.compiler.resolve.Imports;

/**
 * The standard library as a file an editor can open, so that "go to definition" on {@code logsum} lands in it: the
 * project's own {@code std.spd} when the server runs from a checkout whose copy matches the built one, else a copy
 * written once under {@code ~/.cache/spd}.
 */
final class StandardLibraryFile {
    private static final String SOURCE_IN_CHECKOUT = "compiler/src/main/resources/spd/std.spd";

    private StandardLibraryFile() {}

    /** The file holding exactly the text the front end parses for {@code import std}. */
    static Path locate() {
        String text = Imports.standardLibraryText();
        String home = System.getProperty("spd.home");
        if (home != null) {
            Path inCheckout = Path.of(home, SOURCE_IN_CHECKOUT);
            if (sameText(inCheckout, text)) {
                return inCheckout.toAbsolutePath().normalize();
            }
        }
        return cachedCopy(text);
    }

    private static boolean sameText(Path file, String text) {
        try {
            return Files.isRegularFile(file)
                    && Files.readString(file, StandardCharsets.UTF_8).equals(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path cachedCopy(String text) {
        String hash = HexFormat.of().formatHex(sha256(text)).substring(0, 12);
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "spd", "std");
        Path file = dir.resolve("std-" + hash + ".spd");
        if (!sameText(file, text)) {
            try {
                Files.createDirectories(dir);
                Path temporary = Files.createTempFile(dir, "std", ".tmp");
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                Files.move(
                        temporary,
                        file,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // Without a writable cache, definitions into the standard library point at a file that may not exist;
                // diagnostics, hover and completion do not need it.
                return file;
            }
        }
        return file.toAbsolutePath().normalize();
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

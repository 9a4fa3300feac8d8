package spd.lsp;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Where the editor's URIs and the front end's display paths meet. A document with a {@code file:} URI is checked
 * under its absolute path (the path its imports resolve against and diagnostics name); the standard library's
 * display path {@code <std>} maps to {@link StandardLibraryFile}.
 */
final class Locations {
    static final String STANDARD_LIBRARY = "<std>";

    private final Map<String, String> uriByPath = new ConcurrentHashMap<>();
    private final Supplier<Path> standardLibrary;
    private volatile String standardLibraryUri;

    Locations(Supplier<Path> standardLibrary) {
        this.standardLibrary = standardLibrary;
    }

    /** The path a document is checked under: its file's absolute path, or the URI itself when it is no file. */
    String displayPath(String uri) {
        return filePath(uri).map(Path::toString).orElse(uri);
    }

    /** The directory that a document's relative imports resolve against. */
    Path baseDirectory(String uri) {
        return filePath(uri).map(Path::getParent).orElse(Path.of("").toAbsolutePath());
    }

    /** Remembers the client's spelling of a document's URI, so that diagnostics go back under the same one. */
    void remember(String uri) {
        uriByPath.put(displayPath(uri), uri);
    }

    /** The URI of a display path in a diagnostic or a definition. */
    String uriOf(String displayPath) {
        if (displayPath.equals(STANDARD_LIBRARY)) {
            return standardLibraryUri();
        }
        String known = uriByPath.get(displayPath);
        if (known != null) {
            return known;
        }
        try {
            return Path.of(displayPath).toAbsolutePath().normalize().toUri().toString();
        } catch (InvalidPathException e) {
            return displayPath;
        }
    }

    String standardLibraryUri() {
        String uri = standardLibraryUri;
        if (uri == null) {
            uri = standardLibrary.get().toUri().toString();
            standardLibraryUri = uri;
        }
        return uri;
    }

    static Optional<Path> filePath(String uri) {
        try {
            URI parsed = URI.create(uri);
            if (!"file".equalsIgnoreCase(parsed.getScheme())) {
                return Optional.empty();
            }
            return Optional.of(Path.of(parsed).toAbsolutePath().normalize());
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }
}

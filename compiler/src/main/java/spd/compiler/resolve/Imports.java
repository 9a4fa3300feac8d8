package spd.compiler.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import spd.compiler.ast.Import;
import spd.compiler.ast.RuleDecl;
import spd.compiler.ast.SpdFile;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostic;
import spd.compiler.diag.Diagnostics;
import spd.compiler.lang.RuleTable;
import spd.compiler.parse.SourceLoader;
import spd.compiler.parse.SourceParser;
import spd.compiler.source.SourceFile;

/** Resolves {@code import std} (the standard library, a resource) and {@code import "file.spd"} (relative paths). */
public final class Imports {
    private static final String STD_RESOURCE = "/spd/std.spd";
    private static volatile SpdFile standardLibrary;

    private Imports() {}

    /** The standard library, parsed once per process. */
    public static SpdFile standardLibrary() {
        SpdFile std = standardLibrary;
        if (std == null) {
            synchronized (Imports.class) {
                if (standardLibrary == null) {
                    standardLibrary = parseStandardLibrary();
                }
                std = standardLibrary;
            }
        }
        return std;
    }

    /** The text of the standard library, for docs and `spd std`. */
    public static String standardLibraryText() {
        try (InputStream in = Imports.class.getResourceAsStream(STD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the standard library " + STD_RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SpdFile parseStandardLibrary() {
        Diagnostics diagnostics = new Diagnostics();
        SourceFile source = new SourceFile("<std>", standardLibraryText());
        Optional<SpdFile> parsed = SourceParser.parse(source, diagnostics);
        if (parsed.isEmpty() || diagnostics.hasErrors()) {
            throw new IllegalStateException("the standard library does not parse: " + diagnostics.sorted());
        }
        return parsed.get();
    }

    /** The rules visible in {@code file}: its own, then those of its imports (transitively). */
    public static RuleTable resolve(SpdFile file, Path baseDir, Diagnostics diagnostics) {
        Set<String> standardNames = new HashSet<>();
        standardLibrary().rules().forEach(r -> standardNames.add(r.name().name()));
        RuleTable table = new RuleTable(standardNames);
        List<RuleDecl> all = new ArrayList<>(file.rules());
        Deque<Path> chain = new ArrayDeque<>();
        rootPath(file, baseDir).ifPresent(chain::push);
        Set<String> visited = new HashSet<>();
        chain.forEach(root -> visited.add(root.toString()));
        collectImports(file, baseDir, diagnostics, visited, chain, all);
        for (RuleDecl rule : all) {
            if (!table.add(rule)) {
                RuleDecl first = table.find(rule.name().name()).orElseThrow();
                diagnostics.report(
                        Code.E0102,
                        rule.name().span(),
                        "rule '" + rule.name().name() + "' is defined twice",
                        "first defined at " + first.name().span());
            }
        }
        return table;
    }

    /** Where the file being checked lives, so that an import of it is known as a cycle. */
    private static Optional<Path> rootPath(SpdFile file, Path baseDir) {
        try {
            Path name = Path.of(file.source().path()).getFileName();
            return name == null
                    ? Optional.empty()
                    : Optional.of(baseDir.resolve(name).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * Adds the rules of {@code file}'s imports, depth first. {@code chain} holds the files being imported, the file
     * being checked first: an import of one of them is a cycle. A file reached twice another way (a diamond) is read
     * once.
     */
    private static void collectImports(
            SpdFile file,
            Path baseDir,
            Diagnostics diagnostics,
            Set<String> visited,
            Deque<Path> chain,
            List<RuleDecl> into) {
        for (Import imported : file.imports()) {
            if (!imported.isPath()) {
                if (imported.target().equals("std")) {
                    if (visited.add("<std>")) {
                        into.addAll(standardLibrary().rules());
                    }
                } else {
                    diagnostics.report(
                            Code.E0107,
                            imported.span(),
                            "no module named '" + imported.target() + "'",
                            "the standard library is 'import std'; import a file with import \"path/to/file.spd\"");
                }
                continue;
            }
            Path path;
            try {
                path = baseDir.resolve(imported.target()).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                diagnostics.report(
                        Code.E0107,
                        imported.span(),
                        "cannot import \"" + printable(imported.target()) + "\": not a valid path (" + e.getReason()
                                + ")",
                        "paths are relative to the importing file's directory");
                continue;
            }
            if (chain.contains(path)) {
                reportCycle(imported, path, chain, diagnostics);
                continue;
            }
            if (!visited.add(path.toString())) {
                continue;
            }
            Diagnostics local = new Diagnostics();
            Optional<SpdFile> parsed =
                    SourceLoader.load(path, local).flatMap(source -> SourceParser.parse(source, local));
            Optional<Diagnostic> unreadable =
                    local.sorted().stream().filter(d -> d.code() == Code.E0004).findFirst();
            if (unreadable.isPresent()) {
                diagnostics.report(
                        Code.E0107,
                        imported.span(),
                        "cannot import \"" + printable(imported.target()) + "\": "
                                + unreadable.get().message(),
                        "paths are relative to the importing file's directory");
                continue;
            }
            local.sorted().forEach(diagnostics::add);
            parsed.ifPresent(p -> {
                if (!p.experiments().isEmpty()) {
                    diagnostics.report(
                            Code.E0107,
                            imported.span(),
                            "\"" + imported.target() + "\" declares experiments; " + "only rules can be imported",
                            "move the shared rules to a file of their own");
                }
                into.addAll(p.rules());
                Path parent = path.getParent() == null ? Path.of(".") : path.getParent();
                chain.push(path);
                collectImports(p, parent, diagnostics, visited, chain, into);
                chain.pop();
            });
        }
    }

    /** {@code a.spd imports b.spd, which imports a.spd}: the files of the cycle, from the one imported again. */
    private static void reportCycle(Import imported, Path path, Deque<Path> chain, Diagnostics diagnostics) {
        List<Path> files = new ArrayList<>(chain);
        java.util.Collections.reverse(files);
        List<String> names = new ArrayList<>();
        for (Path file : files.subList(files.indexOf(path), files.size())) {
            names.add(file.getFileName().toString());
        }
        names.add(path.getFileName().toString());
        diagnostics.report(
                Code.E0111,
                imported.span(),
                "import cycle: " + String.join(" imports ", names),
                "a file cannot import itself, directly or through others; move the shared rules to a file that imports"
                        + " none of them");
    }

    private static String printable(String text) {
        return text.codePoints()
                .mapToObj(c -> Character.isISOControl(c) ? String.format("\\x%02x", c) : Character.toString(c))
                .collect(java.util.stream.Collectors.joining());
    }
}

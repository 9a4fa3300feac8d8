package spd.compiler.codegen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * Java names from DSL names, injectively: {@code lenet300_adadrop} → {@code Lenet300Adadrop}, {@code lambda} →
 * {@code LAMBDA}. Class names are injective over all DSL names and never the simple name of a java.lang type (so an
 * experiment called {@code math} or {@code double} cannot shadow {@code Math} or {@code Double});
 * field and parameter names are made unique within their class or method by a {@link Scope}.
 */
final class JavaNames {
    /** Names that become PascalCase one-to-one: lower-case words joined by one '_', the first starting with a letter. */
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    /** The prefix of class names that are not snake case, which no PascalCase name starts with. */
    private static final String VERBATIM_PREFIX = "Spd_";
    /** Array parameters and locals of generated methods, which no constant parameter may take. */
    private static final Set<String> METHOD_LOCALS = Set.of("w", "step", "eta");

    private JavaNames() {}

    /**
     * The class of an experiment. Snake-case names become PascalCase ({@code lenet300_adadrop} → {@code Lenet300Adadrop}),
     * keeping the '_' before a word that starts with a digit ({@code lenet_300} → {@code Lenet_300}); one that would
     * name a java.lang type gets a trailing '_' ({@code math} → {@code Math_}); any other name is kept
     * verbatim behind {@code Spd_} ({@code fooBar} → {@code Spd_fooBar}). The three forms cannot meet, and each is
     * one-to-one: capitals and '_' mark where the words started.
     */
    static String className(String experiment) {
        if (!SNAKE_CASE.matcher(experiment).matches()) {
            return VERBATIM_PREFIX + experiment;
        }
        StringBuilder out = new StringBuilder();
        for (String part : experiment.split("_")) {
            out.append(
                    Character.isDigit(part.charAt(0))
                            ? "_" + part
                            : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        String name = out.toString();
        return isTakenTypeName(name) ? name + "_" : name;
    }

    /**
     * Whether a class of this simple name would shadow a java.lang type, which generated code writes by its simple name
     * ({@code Math.log}, {@code Double.NaN}). Runtime types need no such care: JavaPoet writes them fully qualified
     * where the class's own name would hide them.
     */
    static boolean isTakenTypeName(String name) {
        try {
            Class.forName("java.lang." + name, false, JavaNames.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The natural constant name of a DSL constant: {@code lambda} → {@code LAMBDA}, {@code maxIter} → {@code MAX_ITER}. */
    static String constant(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** A method name for a DSL function: {@code eta}, {@code keepFc1}. */
    static String method(String name) {
        return camel(name);
    }

    /**
     * The parameter names of a method's constant parameters, in order: lower camel case ({@code eps_2} → {@code eps2}),
     * unique, and never a keyword, an array parameter or local ({@code w}, {@code step}, {@code eta}) or a name
     * starting with a capital (which could hide a type such as {@code Math}).
     */
    static Map<String, String> parameters(List<String> constants) {
        Scope scope = new Scope(METHOD_LOCALS);
        Map<String, String> names = new LinkedHashMap<>();
        for (String constant : constants) {
            String camel = camel(constant);
            String lower = camel.isEmpty() ? "c" : Character.toLowerCase(camel.charAt(0)) + camel.substring(1);
            names.put(constant, scope.claim(lower));
        }
        return names;
    }

    private static String camel(String name) {
        String[] parts = name.split("_+");
        StringBuilder out = new StringBuilder(parts.length == 0 ? "" : parts[0]);
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                out.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
            }
        }
        return out.toString();
    }

    /**
     * The names taken in one Java scope (a class's fields, a method's parameters): each claim gets the name asked
     * for, or that name with the first free suffix {@code _2}, {@code _3}, ...; never a keyword or a taken name.
     */
    static final class Scope {
        private final java.util.Set<String> taken = new java.util.HashSet<>();

        Scope(Set<String> reserved) {
            taken.addAll(reserved);
        }

        String claim(String wanted) {
            String base = wanted.isEmpty() || SourceVersion.isKeyword(wanted) || !SourceVersion.isIdentifier(wanted)
                    ? wanted + "_"
                    : wanted;
            String name = base;
            for (int i = 2; taken.contains(name) || SourceVersion.isKeyword(name); i++) {
                name = base + "_" + i;
            }
            taken.add(name);
            return name;
        }
    }
}

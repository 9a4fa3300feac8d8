package spd.compiler.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;
import spd.compiler.model.SourceRef;
import spd.compiler.sym.Expr;

/**
 * The members of a generated class as they are added: constant fields and element-wise rule methods,
 * each marked with the {@code .spd} line it came from and kept in source-line order.
 */
final class ClassBuilder {
    /** The most operations one generated method computes (its code must stay under the JVM's 64 KB per method). */
    static final int MAX_EXPRESSION_NODES = 2000;
    /** The most constants a generated class declares (experiment() registers each, within the same 64 KB). */
    static final int MAX_CONSTANTS = 2000;

    private final TreeMap<Integer, List<Object>> membersByLine = new TreeMap<>();
    private final List<FieldSpec> fields = new ArrayList<>();
    private final Map<String, String> scalars = new LinkedHashMap<>();
    private final Set<String> methodNames = new LinkedHashSet<>();
    private final JavaNames.Scope fieldNames = new JavaNames.Scope(Set.of());

    /** A {@code static final double} constant, in declaration order, under a field name no other constant has. */
    void constant(String symbol, double value, Optional<String> literal, SourceRef at) {
        String name = fieldNames.claim(JavaNames.constant(symbol));
        fields.add(FieldSpec.builder(TypeName.DOUBLE, name, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L", SpdLineComments.marker(at.line(), at.text()))
                .initializer("$L", Literals.constant(literal, value))
                .build());
        scalars.put(symbol, name);
    }

    /** The Java name of each constant symbol. */
    Map<String, String> scalars() {
        return scalars;
    }

    /** A method name not used yet: {@code keep}, then {@code keep2}, ... */
    String uniqueMethodName(String base) {
        String name = JavaNames.method(base);
        String candidate = name;
        for (int i = 2; methodNames.contains(candidate); i++) {
            candidate = name + i;
        }
        methodNames.add(candidate);
        return candidate;
    }

    /**
     * A static element-wise method {@code name(INDArray w, ...)} computing {@code body}, whose array symbols are
     * bound to parameters (or to local calls given in {@code preamble}).
     *
     * @param arrayParams array symbols that are parameters, in order, mapped to their Java names
     * @param preamble statements before the body, e.g. {@code INDArray eta = eta(w);}
     * @param localArrays array symbols bound by the preamble, mapped to their Java names
     * @param scalarParams constant symbols passed as {@code double} parameters (per-layer overrides)
     */
    void elementwiseMethod(
            String name,
            Expr body,
            Map<String, String> arrayParams,
            CodeBlock preamble,
            Map<String, String> localArrays,
            List<String> scalarParams,
            SourceRef at,
            String javadoc)
            throws CodegenException {
        if (exceeds(body, MAX_EXPRESSION_NODES)) {
            throw new CodegenException(
                    javadoc + " is too large to generate Java for (more than " + MAX_EXPRESSION_NODES
                            + " operations; a Java method holds at most 64 KB of code); split it with 'let' constants or simplify it",
                    at);
        }
        Map<String, String> arrays = new LinkedHashMap<>(arrayParams);
        arrays.putAll(localArrays);
        Map<String, String> scalarNames = new LinkedHashMap<>(scalars);
        MethodSpec.Builder method = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.STATIC)
                .returns(Runtime.INDARRAY)
                .addJavadoc("$L", SpdLineComments.marker(at.line(), at.text()));
        arrayParams
                .values()
                .forEach(p -> method.addParameter(
                        ParameterSpec.builder(Runtime.INDARRAY, p).build()));
        JavaNames.parameters(scalarParams).forEach((scalar, parameter) -> {
            method.addParameter(TypeName.DOUBLE, parameter);
            scalarNames.put(scalar, parameter);
        });
        method.addCode(preamble);
        method.addCode(print(body, arrays, scalarNames, at, javadoc));
        add(at.line(), method.build());
    }

    /** A method written by hand by the caller (data, network, training), placed at its source line. */
    void method(MethodSpec method, int line) {
        add(line, method);
    }

    List<FieldSpec> fields() {
        return fields;
    }

    List<MethodSpec> methodsInSourceOrder() {
        List<MethodSpec> methods = new ArrayList<>();
        membersByLine.values().forEach(members -> members.forEach(m -> methods.add((MethodSpec) m)));
        return methods;
    }

    private void add(int line, Object member) {
        membersByLine.computeIfAbsent(line, l -> new ArrayList<>()).add(member);
    }

    /** Whether {@code e} has more than {@code limit} nodes; stops counting there, so it costs at most the limit. */
    static boolean exceeds(Expr e, int limit) {
        int[] budget = {limit};
        count(e, budget);
        return budget[0] < 0;
    }

    private static void count(Expr e, int[] budget) {
        if (--budget[0] < 0) {
            return;
        }
        spd.compiler.sym.Structure.mapChildren(e, child -> {
            count(child, budget);
            return child;
        });
    }

    static CodeBlock print(
            Expr body, Map<String, String> arrays, Map<String, String> scalars, SourceRef at, String what)
            throws CodegenException {
        try {
            return JavaNd4jPrinter.elementwise(body, arrays, scalars);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // IllegalStateException: a constant where the printer needs an array, e.g. inf^w (found by
            // GrammarFuzzTest).
            throw new CodegenException("cannot generate ND4J code for " + what + ": " + e.getMessage(), at);
        }
    }
}

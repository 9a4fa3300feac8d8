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
  private final TreeMap<Integer, List<Object>> membersByLine = new TreeMap<>();
  private final List<FieldSpec> fields = new ArrayList<>();
  private final Map<String, String> scalars = new LinkedHashMap<>();
  private final Set<String> methodNames = new LinkedHashSet<>();

  /** A {@code static final double} constant, in declaration order. */
  void constant(String symbol, double value, Optional<String> literal, SourceRef at) {
    String name = JavaNames.constant(symbol);
    fields.add(FieldSpec.builder(TypeName.DOUBLE, name, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("$L", SpdLineComments.marker(at.line(), at.text()))
        .initializer("$L", literal.filter(Literals::isJavaDouble).orElse(Literals.number(value)))
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
  void elementwiseMethod(String name, Expr body, Map<String, String> arrayParams, CodeBlock preamble,
      Map<String, String> localArrays, List<String> scalarParams, SourceRef at, String javadoc)
      throws CodegenException {
    Map<String, String> arrays = new LinkedHashMap<>(arrayParams);
    arrays.putAll(localArrays);
    Map<String, String> scalarNames = new LinkedHashMap<>(scalars);
    MethodSpec.Builder method = MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.STATIC)
        .returns(Runtime.INDARRAY)
        .addJavadoc("$L", SpdLineComments.marker(at.line(), at.text()));
    arrayParams.values().forEach(p -> method.addParameter(ParameterSpec.builder(Runtime.INDARRAY, p).build()));
    for (String scalar : scalarParams) {
      String parameter = JavaNames.method(scalar);
      method.addParameter(TypeName.DOUBLE, parameter);
      scalarNames.put(scalar, parameter);
    }
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

  static CodeBlock print(Expr body, Map<String, String> arrays, Map<String, String> scalars, SourceRef at,
      String what) throws CodegenException {
    try {
      return JavaNd4jPrinter.elementwise(body, arrays, scalars);
    } catch (IllegalArgumentException e) {
      throw new CodegenException("cannot generate ND4J code for " + what + ": " + e.getMessage(), at);
    }
  }

}

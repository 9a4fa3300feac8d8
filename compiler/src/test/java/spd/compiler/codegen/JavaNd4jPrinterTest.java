package spd.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static spd.compiler.sym.Expr.abs;
import static spd.compiler.sym.Expr.add;
import static spd.compiler.sym.Expr.div;
import static spd.compiler.sym.Expr.mul;
import static spd.compiler.sym.Expr.number;
import static spd.compiler.sym.Expr.sub;
import static spd.compiler.sym.Expr.symbol;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import spd.compiler.sym.Builtin;
import spd.compiler.sym.Condition;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Piece;
import spd.compiler.sym.Relation;

class JavaNd4jPrinterTest {
    private static final Map<String, String> ARRAYS = Map.of("w", "w", "eta", "eta");
    private static final Map<String, String> CONSTANTS = Map.of("eps", "EPS", "lambda", "LAMBDA", "a", "A");
    private static final Map<String, Double> VALUES = Map.of("eps", 2.0, "lambda", 0.3, "a", 3.7);

    private final Expr w = symbol("w");
    private final Expr eta = symbol("eta");
    private final Expr eps = symbol("eps");
    private final Expr lambda = symbol("lambda");
    private final Expr a = symbol("a");

    private Expr logSumEta() {
        return mul(abs(w), add(abs(w), eps));
    }

    private Expr scadEta() {
        Expr t = abs(w);
        Expr middle = div(mul(mul(sub(a, Expr.ONE), lambda), t), sub(mul(a, lambda), t));
        return Expr.piecewise(
                List.of(
                        new Piece(new Condition(t, Relation.LT, lambda), t),
                        new Piece(new Condition(t, Relation.LE, mul(a, lambda)), middle)),
                Expr.infinity());
    }

    @Test
    void sharedAbsoluteValueBecomesANamedLocalAndTheResultIsUpdatedInPlace() {
        String code =
                JavaNd4jPrinter.elementwise(logSumEta(), ARRAYS, CONSTANTS).toString();
        assertEquals("""
        org.nd4j.linalg.api.ndarray.INDArray absW = org.nd4j.linalg.ops.transforms.Transforms.abs(w, true);
        return absW.add(EPS).muli(absW);
        """, code);
    }

    @Test
    void keepProbabilityAllocatesOnce() {
        String code = JavaNd4jPrinter.elementwise(div(eta, add(eta, lambda)), ARRAYS, CONSTANTS)
                .toString();
        assertEquals("return eta.add(LAMBDA).rdivi(eta);\n", code);
    }

    @Test
    void unknownSymbolsAreRejectedAndArrayFreeExpressionsFillAnArray() {
        assertThrows(
                IllegalArgumentException.class,
                () -> JavaNd4jPrinter.elementwise(mul(w, symbol("zeta")), ARRAYS, CONSTANTS));
        assertEquals(
                "return eta.ulike().assign(EPS);\n",
                JavaNd4jPrinter.elementwise(eps, ARRAYS, CONSTANTS).toString());
        assertThrows(
                IllegalArgumentException.class,
                () -> JavaNd4jPrinter.elementwise(Expr.call(Builtin.DAWSON, w), ARRAYS, CONSTANTS));
    }

    @Test
    void generatedCodeComputesWhatTheExpressionEvaluatesTo(@TempDir Path dir) throws Exception {
        Map<String, Expr> cases = new LinkedHashMap<>();
        cases.put("logSumEta", logSumEta());
        cases.put("keep", div(eta, add(eta, lambda)));
        cases.put("variance", div(lambda, eta));
        cases.put("scadEta", scadEta());
        cases.put("logSumGradient", Expr.log(add(Expr.ONE, div(abs(w), eps))).derivative("w"));
        cases.put("standout", mul(div(lambda, number(4)), Expr.exp(abs(w))));
        cases.put("mcpEta", div(mul(mul(a, lambda), abs(w)), sub(mul(a, lambda), abs(w))));
        cases.put("bridge", Expr.pow(abs(w), sub(number(2), div(Expr.ONE, number(2)))));
        cases.put("negated", sub(lambda, mul(w, w)));
        cases.put("clipped", Expr.call(Builtin.MIN, List.of(abs(w), mul(a, lambda))));
        Class<?> generated = compile(dir, cases);
        double[] ws = {-2.5, -1.1, -0.2, 0.0, 0.05, 0.3, 0.9, 1.2, 4.0};
        INDArray wArray = Nd4j.createFromArray(ws).castTo(DataType.DOUBLE);
        INDArray before = wArray.dup();
        for (Map.Entry<String, Expr> c : cases.entrySet()) {
            Method m = generated.getMethod(c.getKey(), INDArray.class, INDArray.class);
            INDArray etaArray = Nd4j.createFromArray(ws).castTo(DataType.DOUBLE);
            Transforms_abs_in_place(etaArray);
            INDArray out = (INDArray) m.invoke(null, wArray, etaArray);
            for (int i = 0; i < ws.length; i++) {
                Map<String, Double> values = new java.util.HashMap<>(VALUES);
                values.put("w", ws[i]);
                values.put("eta", Math.abs(ws[i]));
                double expected = c.getValue().evaluate(values);
                double actual = out.getDouble(i);
                if (Double.isNaN(expected) || Double.isInfinite(expected)) {
                    assertEquals(expected, actual, c.getKey() + " at w = " + ws[i]);
                } else {
                    assertEquals(expected, actual, 1e-12 * (1 + Math.abs(expected)), c.getKey() + " at w = " + ws[i]);
                }
            }
            assertEquals(before, wArray, c.getKey() + " must not modify its input");
        }
    }

    private static void Transforms_abs_in_place(INDArray x) {
        org.nd4j.linalg.ops.transforms.Transforms.abs(x, false);
    }

    private Class<?> compile(Path dir, Map<String, Expr> cases) throws Exception {
        ClassName indArray = ClassName.get("org.nd4j.linalg.api.ndarray", "INDArray");
        TypeSpec.Builder type = TypeSpec.classBuilder("Generated").addModifiers(Modifier.PUBLIC, Modifier.FINAL);
        VALUES.forEach((name, value) ->
                type.addField(FieldSpec.builder(double.class, CONSTANTS.get(name), Modifier.STATIC, Modifier.FINAL)
                        .initializer("$L", value)
                        .build()));
        cases.forEach((name, e) -> {
            CodeBlock body = JavaNd4jPrinter.elementwise(e, ARRAYS, CONSTANTS);
            type.addMethod(MethodSpec.methodBuilder(name)
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(indArray)
                    .addParameter(indArray, "w")
                    .addParameter(indArray, "eta")
                    .addCode(body)
                    .build());
        });
        JavaFile file = JavaFile.builder("gen", type.build()).build();
        file.writeTo(dir);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path source = dir.resolve("gen/Generated.java");
        int status = javac.run(
                null,
                null,
                System.err,
                "-d",
                dir.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                source.toString());
        assertEquals(0, status, Files.readString(source));
        assertTrue(Files.exists(dir.resolve("gen/Generated.class")));
        URLClassLoader loader = new URLClassLoader(
                new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        return loader.loadClass("gen.Generated");
    }
}

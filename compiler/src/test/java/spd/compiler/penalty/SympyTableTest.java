package spd.compiler.penalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import spd.compiler.testing.Project;

/**
 * spd against SymPy on a corpus of adaptive rules (issue 14): the table {@code sympy/closed_forms.tsv} was computed once
 * with SymPy 1.14 by {@code scripts/sympy-closed-forms.py}. Wherever SymPy integrates Omega(t) = int_0^t s/eta_hat(s)
 * ds in closed form, spd must too (except the gaps listed here, with why), and Omega must agree with SymPy's values.
 */
class SympyTableTest {
    /** Rules SymPy integrates in closed form and spd does not yet, each with the missing technique (issue 14 item 5). */
    private static final Map<String, String> KNOWN_GAPS = Map.ofEntries(
            Map.entry(
                    "|w|*(|w|^3 + 1)",
                    "partial fractions stop at factors of degree two (a cubic with a rational root)"),
            Map.entry("|w|*(|w|^3 + 2)", "partial fractions over a cubic without rational roots (roots in 2^(1/3))"),
            Map.entry("|w|*(w^2 + 1)^2", "repeated irreducible quadratic factors (Hermite reduction)"),
            Map.entry("|w|*(1 + exp(-|w|))", "the substitution u = e^t"),
            Map.entry("|w|/(1 - exp(-|w|))", "the substitution u = e^t"),
            Map.entry("|w|*cosh(|w|)", "1/cosh(t) through u = e^t (the Gudermannian)"),
            Map.entry("sqrt(|w|)*(|w| + 1)", "the substitution u = sqrt(t)"),
            Map.entry("|w|*(1 + sqrt(|w|))", "the substitution u = sqrt(t)"),
            Map.entry("|w|*log(|w| + 2)", "the logarithmic integral li"));

    private static final double[] POINTS = {0.5, 1, 3};

    /** One row: the rule, SymPy's Omega (or "-"), and SymPy's Omega at 0.5, 1 and 3. */
    record Row(String eta, String sympyOmega, double[] values) {
        @Override
        public String toString() {
            return eta;
        }

        boolean sympyHasClosedForm() {
            return !sympyOmega.equals("-");
        }
    }

    static Stream<Row> rows() throws IOException {
        Path table = Project.root().resolve("compiler/src/test/resources/sympy/closed_forms.tsv");
        List<String> lines = Files.readAllLines(table);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t");
            double[] values = new double[POINTS.length];
            for (int i = 0; i < POINTS.length; i++) {
                values[i] = cells[2 + i].equals("-") ? Double.NaN : Double.parseDouble(cells[2 + i]);
            }
            rows.add(new Row(cells[0], cells[1], values));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void spdFindsEveryClosedFormSympyFindsWithTheSameValues(Row row) {
        Derivation d = Inputs.eta(row.eta(), "lambda", "1");
        if (row.sympyHasClosedForm()) {
            for (int i = 0; i < POINTS.length; i++) {
                double expected = row.values()[i];
                assertEquals(
                        expected,
                        d.functions().omega(POINTS[i]).value(),
                        1e-9 * Math.max(1, Math.abs(expected)),
                        "Omega(" + POINTS[i] + ") against SymPy's " + row.sympyOmega());
            }
            boolean closed = d.penalty() instanceof Penalty.ClosedForm;
            if (KNOWN_GAPS.containsKey(row.eta())) {
                assertTrue(!closed, "spd now finds the closed form of " + row.eta() + ": remove it from KNOWN_GAPS");
            } else {
                assertTrue(
                        closed,
                        "SymPy integrates " + row.eta() + " to " + row.sympyOmega() + "; spd gives " + d.penalty());
            }
        }
    }
}

package spd.compiler.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeMap;
import spd.compiler.numeric.Estimate;
import spd.compiler.penalty.CheckRow;
import spd.compiler.penalty.ClassicalMatch;
import spd.compiler.penalty.Derivation;
import spd.compiler.penalty.Dual;
import spd.compiler.penalty.Penalty;
import spd.compiler.penalty.PenaltyFunctions;
import spd.compiler.penalty.Property;
import spd.compiler.penalty.StageRecord;
import spd.compiler.sym.Expr;
import spd.compiler.sym.LatexPrinter;
import spd.compiler.sym.TextPrinter;

/** A derivation as JSON, for tools: every formula as text and LaTeX, properties, checks and values at given points. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /**
     * The derivation as a JSON document.
     *
     * @param at weight magnitudes at which to add Omega, eta_hat and the keep probability, and eta values at which to add
     *     f(eta) (may be empty)
     */
    public static String of(Derivation d, double[] at) {
        try {
            return MAPPER.writeValueAsString(tree(d, at));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a derivation", e);
        }
    }

    /** Several derivations as one JSON array. */
    public static String of(java.util.List<Derivation> derivations, double[] at) {
        ArrayNode array = MAPPER.createArrayNode();
        derivations.forEach(d -> array.add(tree(d, at)));
        try {
            return MAPPER.writeValueAsString(array);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise derivations", e);
        }
    }

    /**
     * The panels of {@code spd derive --compare} as JSON: for each panel its title, axis titles and, per series, the
     * name, whether it is a constraint (dashed) and the points x, y.
     */
    static String withComparison(
            java.util.List<Derivation> derivations, double[] at, java.util.List<spd.plot.Chart> panels) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("derivations");
        derivations.forEach(d -> list.add(tree(d, at)));
        ArrayNode array = root.putObject("compare").putArray("panels");
        for (spd.plot.Chart panel : panels) {
            ObjectNode p = array.addObject();
            p.put("title", panel.title());
            p.put("x", panel.x().title());
            p.put("y", panel.y().title());
            ArrayNode series = p.putArray("series");
            for (spd.plot.Series s : panel.series()) {
                ObjectNode node = series.addObject();
                node.put("name", s.name());
                node.put("constraint", s.style().line() == spd.plot.Style.Line.DASHED);
                ArrayNode points = node.putArray("points");
                double[] x = s.x();
                double[] y = s.y();
                for (int i = 0; i < x.length; i++) {
                    ObjectNode point = points.addObject();
                    number(point, "x", x[i]);
                    number(point, "y", y[i]);
                }
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise derivations", e);
        }
    }

    static ObjectNode tree(Derivation d, double[] at) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("experiment", d.input().experimentName());
        root.put("source", d.input().sourcePath());
        root.put("rule", d.ruleDescription());
        ObjectNode constants = root.putObject("constants");
        new TreeMap<>(d.input().constants())
                .forEach((name, c) -> constants.put(name, c.value().toDouble()));
        ArrayNode stages = root.putArray("stages");
        ArrayNode steps = root.putArray("steps");
        for (StageRecord stage : d.stages()) {
            ObjectNode node = stages.addObject();
            node.put("id", stage.id());
            node.put("title", stage.title());
            node.put("summary", stage.summary());
            node.put("steps", stage.steps().size());
            stage.steps().forEach(s -> StepPrinter.json(s, stage.id(), steps.addObject()));
        }
        penalty(root.putObject("penalty"), d.penalty());
        d.etaHat().ifPresent(e -> formula(root.putObject("etaHat"), e));
        d.keep().ifPresent(e -> formula(root.putObject("keep"), e));
        dual(root.putObject("dual"), d.dual());
        ArrayNode properties = root.putArray("properties");
        for (Property p : d.properties()) {
            ObjectNode node = properties.addObject();
            node.put("name", p.name());
            node.put("holds", p.holds());
            node.put("statement", p.statement());
            node.put("reason", p.reason());
            node.put("method", p.method().label());
        }
        ArrayNode classical = root.putArray("classical");
        for (ClassicalMatch m : d.classical()) {
            ObjectNode node = classical.addObject();
            node.put("family", m.family());
            node.put("formula", m.formula());
            node.put("exact", m.exact());
            node.put("maxRelativeDeviation", m.maxRelativeDeviation());
            ObjectNode parameters = node.putObject("parameters");
            m.parameters().forEach(parameters::put);
        }
        ArrayNode checks = root.putArray("checks");
        for (CheckRow r : d.checks()) {
            ObjectNode node = checks.addObject();
            node.put("w", r.w());
            node.put("omega", r.value());
            node.put("reference", r.reference());
            node.put("referenceError", r.referenceError());
            node.put("relativeDifference", r.relativeDifference());
            node.put("referenceName", r.referenceName());
        }
        ArrayNode notes = root.putArray("notes");
        d.notes().forEach(notes::add);
        if (at.length > 0) {
            values(root.putArray("at"), d, at);
        }
        return root;
    }

    private static void formula(ObjectNode node, Expr e) {
        node.put("text", TextPrinter.print(e));
        node.put("latex", LatexPrinter.print(e));
    }

    private static void penalty(ObjectNode node, Penalty p) {
        switch (p) {
            case Penalty.ClosedForm c -> {
                node.put("kind", "closed-form");
                formula(node, c.omega());
            }
            case Penalty.Numeric n -> {
                node.put("kind", "numeric");
                node.put("method", n.method());
            }
            case Penalty.Divergent v -> {
                node.put("kind", "divergent");
                node.put("explanation", v.explanation());
            }
            case Penalty.NotSeparable s -> {
                node.put("kind", "not-separable");
                node.put("explanation", s.explanation());
            }
            case Penalty.None none -> node.put("kind", "none");
        }
    }

    private static void dual(ObjectNode node, Dual dual) {
        switch (dual) {
            case Dual.ClosedForm f -> {
                node.put("kind", "closed-form");
                formula(node, f.f());
            }
            case Dual.Numeric n -> {
                node.put("kind", "numeric");
                node.put("method", n.method());
            }
            case Dual.Unavailable u -> {
                node.put("kind", "unavailable");
                node.put("reason", u.reason());
            }
        }
    }

    private static void values(ArrayNode array, Derivation d, double[] at) {
        PenaltyFunctions f = d.functions();
        for (double x : at) {
            ObjectNode node = array.addObject();
            node.put("w", x);
            estimate(node, "omega", AtTable.omega(f, x));
            value(node, "etaHat", AtTable.value(() -> f.etaHat(x)), AtTable.etaUnavailable(d));
            value(node, "keep", AtTable.value(() -> f.keep(x)), AtTable.etaUnavailable(d));
            node.put("eta", x);
            estimate(node, "dual", AtTable.dual(f, x));
        }
    }

    /**
     * An estimate as NAME and NAMEError; one that could not be computed is null with NAMEUnavailable saying why (an
     * infinite one is the string "inf", with its reason).
     */
    private static void estimate(ObjectNode node, String name, Estimate e) {
        if (Double.isNaN(e.value())) {
            node.putNull(name);
            node.put(name + "Unavailable", e.message().isEmpty() ? "not computable" : e.message());
            return;
        }
        number(node, name, e.value());
        number(node, name + "Error", e.error());
        if (Double.isInfinite(e.value()) && !e.message().isEmpty()) {
            node.put(name + "Reason", e.message());
        }
    }

    /** A plain value, or null with NAMEUnavailable when it is NaN. */
    private static void value(ObjectNode node, String name, double v, String unavailable) {
        if (Double.isNaN(v)) {
            node.putNull(name);
            node.put(name + "Unavailable", unavailable);
        } else {
            number(node, name, v);
        }
    }

    /** JSON has no infinities: they are written as the strings "inf" and "-inf" (NaN, which should not occur, "nan"). */
    private static void number(ObjectNode node, String name, double v) {
        if (Double.isFinite(v)) {
            node.put(name, v);
        } else {
            node.put(name, Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
        }
    }
}

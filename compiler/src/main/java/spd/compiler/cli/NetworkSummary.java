package spd.compiler.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import spd.compiler.check.Window;
import spd.compiler.model.Experiment;
import spd.compiler.model.Network;
import spd.compiler.model.Regularizer;
import spd.compiler.model.Strategy;
import spd.compiler.model.Target;

/**
 * {@code spd check --summary}: each layer of an experiment's network with the shape of its output per example,
 * its weights and biases and the rule that acts on it, like Keras's {@code model.summary()}.
 */
final class NetworkSummary {
    private static final String[] HEADER = {"layer", "type", "output", "weights", "biases", "rule"};

    private NetworkSummary() {}

    /** Prints the table of one experiment (nothing for an experiment without a network). */
    static void print(Experiment experiment, PrintWriter out) {
        experiment.network().ifPresent(network -> {
            out.println(experiment.name() + " (" + experiment.source().path() + ")");
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADER);
            rows.add(new String[] {"input", "", network.input().text(), "", "", ""});
            Map<String, String> rules = rules(experiment);
            for (Network.Layer layer : network.layers()) {
                rows.add(row(layer, rules));
            }
            long biases = network.weighted().stream()
                    .mapToLong(Network.Weighted::biasCount)
                    .sum();
            rows.add(new String[] {"total", "", "", count(network.weightCount()), count(biases), ""});
            printAligned(rows, out);
            out.println();
        });
    }

    private static String[] row(Network.Layer layer, Map<String, String> rules) {
        String output = layer.output().text();
        return switch (layer) {
            case Network.Dense dense ->
                new String[] {
                    dense.name(),
                    (dense.bias() ? "dense" : "linear") + activation(dense.activation()),
                    output,
                    count(dense.weightCount()),
                    count(dense.biasCount()),
                    rules.getOrDefault(dense.name(), "-")
                };
            case Network.Conv conv ->
                new String[] {
                    conv.name(),
                    "conv " + window(conv.window()) + activation(conv.activation()),
                    output,
                    count(conv.weightCount()),
                    count(conv.biasCount()),
                    rules.getOrDefault(conv.name(), "-")
                };
            case Network.MaxPool pool -> new String[] {"", "maxpool " + window(pool.window()), output, "", "", ""};
            case Network.Flatten flatten ->
                new String[] {"", flatten.implicit() ? "flatten (implicit)" : "flatten", output, "", "", ""};
        };
    }

    private static String window(Window window) {
        String text = window.kernel() + "x" + window.kernel();
        if (window.stride() != 1 && window.stride() != window.kernel()) {
            text += " stride " + window.stride();
        }
        return window.padding() > 0 ? text + " padding " + window.padding() : text;
    }

    private static String activation(Network.Activation activation) {
        return activation == Network.Activation.RELU ? " relu" : "";
    }

    /** The masking rule or penalty of each layer it targets, by layer name. */
    private static Map<String, String> rules(Experiment experiment) {
        Map<String, String> rules = new LinkedHashMap<>();
        for (Regularizer regularizer : experiment.regularizers()) {
            for (Target target : regularizer.targets()) {
                String overrides = target.overrides().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " = " + number(e.getValue().evaluate(experiment.constantValues())))
                        .collect(java.util.stream.Collectors.joining(", "));
                rules.put(
                        target.layer(),
                        ruleName(regularizer.strategy()) + (overrides.isEmpty() ? "" : " (" + overrides + ")"));
            }
        }
        return rules;
    }

    private static String ruleName(Strategy strategy) {
        return switch (strategy) {
            case Strategy.Penalty p -> "penalty";
            case Strategy.Bernoulli b -> "mask bernoulli";
            case Strategy.Gaussian g -> "mask gaussian";
            case Strategy.Tikhonov t -> "mask tikhonov";
            case Strategy.Prox p -> "mask prox";
            case Strategy.EtaTrick e -> "mask eta_trick";
            case Strategy.Variational v -> "mask variational";
            case Strategy.HardConcrete h -> "mask hard_concrete";
            case Strategy.Magnitude m -> "mask magnitude";
        };
    }

    /** A per-layer constant as a user writes it: 1e-5, 0.25. */
    private static String number(double value) {
        return Double.toString(value).replace(".0E", "e").replace("E", "e");
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Text columns left-aligned, number columns (weights, biases) right-aligned. */
    private static void printAligned(List<String[]> rows, PrintWriter out) {
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < row.length; c++) {
                boolean number = c == 3 || c == 4;
                String cell = number
                        ? " ".repeat(widths[c] - row[c].length()) + row[c]
                        : row[c] + " ".repeat(widths[c] - row[c].length());
                line.append(cell).append(c + 1 < row.length ? "  " : "");
            }
            out.println(line.toString().stripTrailing());
        }
    }
}

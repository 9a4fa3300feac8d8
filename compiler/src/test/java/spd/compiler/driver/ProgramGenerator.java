package spd.compiler.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random spd programs written from the grammar (grammar/Spd.g4) rule by rule: imports, named rules and experiments
 * with data, network, let, eta, mask, penalty, train and prune statements, and expressions of every form (powers,
 * absolute values, calls, piecewise). Most programs are valid or nearly so; they are seasoned with what a hostile file
 * would try: names Java reserves or the generated code uses ({@code double}, {@code Math}, {@code fooBar} beside
 * {@code foo_bar}), numbers past int and double, strings and comments holding backslash-u escapes and Java that sets a
 * canary property, and, in a fraction of the programs, one token dropped, doubled or swapped (syntax errors a user
 * makes). The same seed gives the same programs.
 */
final class ProgramGenerator {
    /** The system property the Java smuggled into strings and comments would set. */
    static final String CANARY = "spdFuzzCanary";

    private static final String INJECTION = "static { System.setProperty(\\\"" + CANARY + "\\\", \\\"1\\\"); }";
    private static final String[] HOSTILE_STRINGS = {
        "\\\\u000a " + INJECTION + " \\\\u002f\\\\u002f",
        "C:\\\\users\\\\underline",
        "\\\\u0022 + " + INJECTION,
        "mnist files",
        "*/ " + INJECTION + " /*",
        "data/\\\\u005c",
        "@deprecated",
        "a\\tb",
        "\\\"quoted\\\""
    };
    private static final String[] HOSTILE_COMMENTS = {
        "// C:\\users\\underline \\u000a " + INJECTION.replace("\\\"", "\""),
        "/* \\u002a/ " + INJECTION.replace("\\\"", "\"") + " /* */",
        "/** @deprecated */",
        "/* */",
        "// \\u000d " + INJECTION.replace("\\\"", "\""),
        "/* * ** / */",
        "// spd:1 */ /*"
    };
    private static final String[] NAMES = {
        "lambda",
        "LAMBDA",
        "eps",
        "fooBar",
        "foo_bar",
        "_",
        "__",
        "double",
        "math",
        "Math",
        "System",
        "string",
        "Object",
        "a1",
        "a_1",
        "eta_",
        "step",
        "w2",
        "nd4j",
        "Transforms",
        "INDArray",
        "spd_1",
        "c",
        "k",
        "gamma",
        "beta",
        "x"
    };
    private static final String[] EXPERIMENT_NAMES = {
        "e",
        "double",
        "math",
        "Math",
        "system",
        "object",
        "string",
        "foo_bar",
        "fooBar",
        "spd_experiment",
        "transforms",
        "nd4j",
        "select",
        "indarray",
        "data_spec",
        "x_",
        "_",
        "lenet",
        "override",
        "class",
        "record",
        "var"
    };
    private static final String[] NUMBERS = {
        "0", "1", "2", "0.5", "1e-3", "3", "10", "0.1", "1e-8", "010", "09", ".5", "4", "1.5e2"
    };
    /** Numbers at the edges: past int, near the ends of double, exponents that overflow. */
    private static final String[] EXTREME_NUMBERS = {
        "2147483648", "3000000000", "1e308", "1e-320", "9999", "60000", "1e400"
    };

    private static final String[] FUNCTIONS_1 = {
        "log", "exp", "sqrt", "abs", "sign", "sigmoid", "tanh", "sinh", "cosh", "softplus", "atan", "erf", "dawson"
    };
    private static final String[] STD_RULES = {
        "l1()",
        "lp(p: 0.5)",
        "logsum(eps: 2)",
        "log2sum(eps: 1)",
        "scad(a: 3.7, lambda: 1)",
        "mcp(a: 2, lambda: 1)",
        "standout(w2: 1)",
        "ard(c: 2)",
        "fixed(keep: 0.5)",
        "vardrop()",
        "hard_concrete(beta: 2/3, gamma: -0.1, zeta: 1.1)"
    };
    private static final String[] KEYWORDS = {
        "experiment",
        "data",
        "network",
        "let",
        "mask",
        "penalty",
        "train",
        "prune",
        "on",
        "weight",
        "piecewise",
        "if",
        "otherwise",
        "inf",
        "rule",
        "import",
        "dense",
        "linear",
        "input"
    };

    private final Random random;

    ProgramGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** One program; {@code index} makes experiment names of different programs differ now and then. */
    String program(int index) {
        StringBuilder out = new StringBuilder();
        boolean std = chance(0.5);
        if (std) {
            out.append("import std\n");
        }
        if (chance(0.02)) {
            out.append("import \"").append(pick(HOSTILE_STRINGS)).append("\"\n");
        }
        List<String> rules = new ArrayList<>();
        int ruleCount = chance(0.25) ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < ruleCount; i++) {
            String name = "r" + i;
            out.append(rule(name)).append('\n');
            rules.add(name + "(x: " + number() + ")");
        }
        int experiments = 1 + (chance(0.2) ? 1 : 0);
        for (int i = 0; i < experiments; i++) {
            out.append(experiment(index, std, rules)).append('\n');
        }
        String text = out.toString();
        return chance(0.08) ? breakOneToken(text) : text;
    }

    // ---------------------------------------------------------------- declarations

    private String rule(String name) {
        StringBuilder out = new StringBuilder("rule " + name + "(x) {\n");
        List<String> scope = new ArrayList<>(List.of("x"));
        if (chance(0.5)) {
            out.append("  let y = ").append(expr(2, scope)).append('\n');
            scope.add("y");
        }
        List<String> withW = with(scope, "w");
        out.append("  eta(w) = ").append(reweighting(withW)).append('\n');
        if (chance(0.4)) {
            out.append("  omega(w) = ").append(expr(2, withW)).append('\n');
        }
        return out.append("}\n").toString();
    }

    private String experiment(int index, boolean std, List<String> rules) {
        String name = chance(0.5) ? pick(EXPERIMENT_NAMES) : pick(EXPERIMENT_NAMES) + "_" + index;
        StringBuilder out = new StringBuilder("experiment " + name + " {");
        out.append(chance(0.2) ? " " + pick(HOSTILE_COMMENTS) + "\n" : "\n");
        boolean trainable = chance(0.6);
        boolean mnist = chance(0.25);
        List<String> layers = new ArrayList<>();
        if (trainable) {
            statement(out, data(mnist));
            statement(out, network(mnist, layers));
        }
        List<String> constants = new ArrayList<>();
        int lets = random.nextInt(4);
        if (chance(0.8)) {
            statement(out, "let lambda = " + expr(1, constants));
            constants.add("lambda");
        }
        for (int i = 0; i < lets; i++) {
            String constant = pick(NAMES);
            if (constants.contains(constant) && chance(0.9)) {
                continue;
            }
            statement(out, "let " + constant + " = " + expr(2, constants));
            constants.add(constant);
        }
        boolean eta = eta(out, std, rules, constants);
        if (chance(0.7)) {
            statement(out, mask(eta, std, constants, layers));
        }
        if (chance(0.3)) {
            statement(out, penalty(std, constants, layers));
        }
        if (trainable) {
            statement(out, train());
        }
        if (chance(0.2)) {
            statement(out, "prune " + (chance(0.5) ? "keep < " + number() : "|w| < " + number()) + targets(layers));
        }
        return out.append("}\n").toString();
    }

    private void statement(StringBuilder out, String statement) {
        out.append("  ").append(statement);
        out.append(chance(0.08) ? " " + pick(HOSTILE_COMMENTS) + "\n" : "\n");
    }

    /** An eta rule, written out or bound from a rule; whether the experiment has one. */
    private boolean eta(StringBuilder out, boolean std, List<String> rules, List<String> constants) {
        double draw = random.nextDouble();
        if (draw < 0.45) {
            statement(out, "eta(w) = " + reweighting(with(constants, "w")));
            return true;
        }
        if (draw < 0.6 && std) {
            statement(out, "eta = " + pick(STD_RULES));
            return true;
        }
        if (draw < 0.7 && !rules.isEmpty()) {
            statement(out, "eta = " + pick(rules.toArray(String[]::new)));
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- blocks

    private String data(boolean mnist) {
        if (mnist) {
            return "data mnist { validation " + pick(new String[] {"0.2", "0.1", "0"})
                    + (chance(0.5) ? ", dir \"" + pick(HOSTILE_STRINGS) + "\"" : "") + " }";
        }
        return "data linear { n " + (20 + random.nextInt(50)) + ", d 5, support " + (1 + random.nextInt(5))
                + (chance(0.3) ? ", noise " + number() : "") + (chance(0.3) ? ", seed " + random.nextInt(9) : "")
                + " }";
    }

    private String network(boolean mnist, List<String> layers) {
        StringBuilder out = new StringBuilder("network { ");
        if (mnist && chance(0.3)) {
            out.append("input 1x28x28 conv 4 kernel 5 relu maxpool 2 flatten ");
            layers.add("conv1");
        } else {
            out.append("input ").append(mnist ? 784 : 5).append(' ');
        }
        int hidden = random.nextInt(3);
        for (int i = 0; i < hidden; i++) {
            String named = chance(0.2) ? pick(NAMES) + " " : "";
            out.append("dense ").append(named).append(1 + random.nextInt(16)).append(chance(0.7) ? " relu " : " ");
            layers.add(named.isEmpty() ? "fc" + (i + 1) : named.trim());
        }
        out.append(mnist ? "dense 10 " : "linear 1 ").append("loss ").append(mnist ? "cross_entropy" : "squared");
        layers.add("fc" + (hidden + 1));
        return out.append(" }").toString();
    }

    private String mask(boolean eta, boolean std, List<String> constants, List<String> layers) {
        List<String> keepScope = with(constants, "eta");
        String keep =
                eta ? "eta / (eta + " + (constants.contains("lambda") ? "lambda" : number()) + ")" : expr(2, constants);
        if (chance(0.3)) {
            keep = expr(2, eta ? keepScope : constants);
        }
        String block = switch (random.nextInt(8)) {
            case 0 -> "bernoulli { keep = " + keep + (chance(0.3) ? ", every " + (1 + random.nextInt(5)) : "") + " }";
            case 1 -> "gaussian { variance = " + (eta ? "1 / (eta + 1)" : expr(1, constants)) + " }";
            case 2 -> "tikhonov { keep = " + keep + (chance(0.3) ? ", min_keep " + number() : "") + " }";
            case 3 -> "prox { keep = " + (eta ? "eta / (eta + lr)" : keep) + (chance(0.5) ? ", scale adam" : "") + " }";
            case 4 ->
                "eta_trick { "
                        + (std && chance(0.5)
                                ? "dual = "
                                        + pick(new String[] {
                                            "vardrop()",
                                            "logsum(eps: 2)",
                                            "hard_concrete(beta: 2/3, gamma: -0.1, zeta: 1.1)"
                                        })
                                : "f(eta) = " + expr(2, keepScope))
                        + " }";
            case 5 -> "variational { reparam " + pick(new String[] {"additive", "local", "none"}) + " }";
            case 6 -> "hard_concrete { beta " + number() + " }";
            default -> "magnitude { target " + pick(new String[] {"0.5", "0.9", "0"}) + " }";
        };
        return "mask " + block + targets(layers);
    }

    private String penalty(boolean std, List<String> constants, List<String> layers) {
        String what = std && chance(0.4) ? pick(STD_RULES) : "omega(w) = " + expr(3, with(constants, "w"));
        String weight = chance(0.5) ? " weight " + expr(1, constants) : "";
        return "penalty " + what + weight + targets(layers);
    }

    private String train() {
        String optimizer = chance(0.5)
                ? "sgd(lr = " + number() + ")"
                : "adam(lr = " + number() + (chance(0.3) ? ", beta1 = 0.9" : "") + ")";
        StringBuilder settings = new StringBuilder("epochs " + (1 + random.nextInt(3)));
        if (chance(0.3)) {
            settings.append(", batch ").append(pick(new String[] {"1", "32", "2147483647", "128"}));
        }
        if (chance(0.2)) {
            settings.append(", schedule linear_decay");
        }
        if (chance(0.2)) {
            settings.append(", seed ").append(pick(new String[] {"7", "-1", "3000000000"}));
        }
        return "train " + optimizer + " { " + settings + " }";
    }

    private String targets(List<String> layers) {
        if (layers.isEmpty() || !chance(0.3)) {
            return "";
        }
        String layer = pick(layers.toArray(String[]::new));
        return " on " + layer + (chance(0.4) ? "(lambda = " + number() + ")" : "");
    }

    // ---------------------------------------------------------------- expressions

    /** An expression that is a reweighting most of the time (non-negative), otherwise any expression. */
    private String reweighting(List<String> scope) {
        return switch (random.nextInt(4)) {
            case 0 -> "|w| * (|w| + " + atom(scope) + ")";
            case 1 -> "|w|^" + pick(new String[] {"2", "0.5", "1", "3"});
            default -> expr(3, scope);
        };
    }

    private String expr(int depth, List<String> scope) {
        if (depth <= 0 || chance(0.3)) {
            return atom(scope);
        }
        return switch (random.nextInt(9)) {
            case 0 -> "|" + expr(depth - 1, scope) + "|";
            case 1 -> "(" + expr(depth - 1, scope) + ")";
            case 2 -> "-" + expr(depth - 1, scope);
            case 3 ->
                expr(depth - 1, scope) + " " + pick(new String[] {"+", "-", "*", "/"}) + " " + expr(depth - 1, scope);
            case 4 ->
                atom(scope) + "^" + (chance(0.8) ? pick(new String[] {"2", "0.5", "3", "-1"}) : expr(depth - 1, scope));
            case 5 -> pick(FUNCTIONS_1) + "(" + expr(depth - 1, scope) + ")";
            case 6 ->
                pick(new String[] {"min", "max"}) + "(" + expr(depth - 1, scope) + ", " + expr(depth - 1, scope) + ")";
            case 7 ->
                "piecewise { " + expr(depth - 1, scope) + " if " + expr(depth - 1, scope) + " "
                        + pick(new String[] {"<", "<=", ">", ">="}) + " " + atom(scope) + ", "
                        + (chance(0.3) ? "inf" : expr(depth - 1, scope)) + " otherwise }";
            default -> "(" + atom(scope) + ")^" + atom(scope);
        };
    }

    private String atom(List<String> scope) {
        if (!scope.isEmpty() && chance(0.6)) {
            return pick(scope.toArray(String[]::new));
        }
        return chance(0.03) ? "inf" : number();
    }

    private String number() {
        if (chance(0.05)) {
            return pick(EXTREME_NUMBERS);
        }
        return chance(0.7)
                ? pick(NUMBERS)
                : String.valueOf(random.nextInt(100)) + (chance(0.5) ? "." + random.nextInt(10) : "");
    }

    // ---------------------------------------------------------------- the errors a user makes

    /** Drops, doubles or swaps one token (split at spaces), or puts a keyword where it does not belong. */
    private String breakOneToken(String text) {
        String[] tokens = text.split(" ", -1);
        int at = random.nextInt(tokens.length);
        List<String> out = new ArrayList<>(List.of(tokens));
        switch (random.nextInt(4)) {
            case 0 -> out.remove(at);
            case 1 -> out.add(at, tokens[at]);
            case 2 -> out.set(at, pick(KEYWORDS));
            default -> {
                int other = random.nextInt(tokens.length);
                out.set(at, tokens[other]);
                out.set(other, tokens[at]);
            }
        }
        return String.join(" ", out);
    }

    private static List<String> with(List<String> scope, String name) {
        List<String> out = new ArrayList<>(scope);
        out.add(name);
        return out;
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}

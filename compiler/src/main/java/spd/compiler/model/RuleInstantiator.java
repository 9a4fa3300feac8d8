package spd.compiler.model;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import spd.compiler.ast.Expr;
import spd.compiler.ast.FunctionDef;
import spd.compiler.ast.LetDecl;
import spd.compiler.ast.RuleDecl;
import spd.compiler.lang.Lowering;
import spd.compiler.lang.RuleTable;
import spd.compiler.source.Span;

/**
 * Instantiates a named rule at its use: {@code logsum(eps: 2)} becomes eta(w) = |w| (|w| + eps) with the
 * constant eps = 2 added to the experiment, so that derivations and generated code keep the rule's names.
 * A parameter whose name an experiment constant already has, with another value, is renamed
 * {@code <rule>_<param>} (SCAD's own lambda becomes {@code scad_lambda}).
 */
final class RuleInstantiator {
    private final RuleTable rules;
    private final Map<String, Constant> constants;

    RuleInstantiator(RuleTable rules, Map<String, Constant> constants) {
        this.rules = rules;
        this.constants = constants;
    }

    /** A rule instantiated at one use: its functions, in the symbols w (or eta for duals), and its reference. */
    record Instance(RuleRef ref, Map<String, spd.compiler.sym.Expr> functions) {
        Optional<spd.compiler.sym.Expr> function(String name) {
            return Optional.ofNullable(functions.get(name));
        }
    }

    Instance instantiate(Expr.Call call, Span useSite) {
        RuleDecl rule = rules.find(call.function().name()).orElseThrow();
        Map<String, Expr> arguments = bindArguments(call, rule);
        Map<String, spd.compiler.sym.Expr> bindings = new HashMap<>();
        Map<String, spd.compiler.sym.Expr> shown = new LinkedHashMap<>();
        for (var param : rule.params()) {
            Expr argument = arguments.get(param.name());
            spd.compiler.sym.Expr value = Lowering.lower(argument);
            bindings.put(param.name(), constantFor(rule, param.name(), value, ModelBuilder.literal(argument), useSite));
            shown.put(param.name(), value);
        }
        for (LetDecl let : rule.lets()) {
            spd.compiler.sym.Expr value = new Lowering(bindings).apply(let.value());
            bindings.put(
                    let.name().name(),
                    constantFor(rule, let.name().name(), value, ModelBuilder.literal(let.value()), useSite));
        }
        Map<String, spd.compiler.sym.Expr> functions = new LinkedHashMap<>();
        for (FunctionDef function : rule.functions()) {
            String variable = function.name().name().equals("f") ? "eta" : "w";
            Map<String, spd.compiler.sym.Expr> local = new HashMap<>(bindings);
            local.put(function.param().name(), spd.compiler.sym.Expr.symbol(variable));
            functions.put(function.displayName(), new Lowering(local).apply(function.body()));
        }
        boolean standard = rule.span().file().path().equals("<std>");
        return new Instance(new RuleRef(rule.name().name(), shown, standard), functions);
    }

    /** The symbol a rule parameter or constant is known by in the experiment, adding the constant when new. */
    private spd.compiler.sym.Expr constantFor(
            RuleDecl rule, String name, spd.compiler.sym.Expr value, Optional<String> literal, Span useSite) {
        double numeric = value.evaluate(valuesOf(constants));
        Constant existing = constants.get(name);
        String chosen = name;
        if (existing != null && !(existing.value() == numeric)) {
            chosen = rule.name().name() + "_" + name;
        }
        if (!constants.containsKey(chosen)) {
            constants.put(chosen, new Constant(chosen, value, numeric, literal, SourceRef.of(useSite)));
        }
        return spd.compiler.sym.Expr.symbol(chosen);
    }

    private static Map<String, Expr> bindArguments(Expr.Call call, RuleDecl rule) {
        Map<String, Expr> bound = new HashMap<>();
        int position = 0;
        for (Expr.Argument argument : call.arguments()) {
            String param = argument.name()
                    .map(i -> i.name())
                    .orElse(rule.params().get(position++).name());
            bound.put(param, argument.value());
        }
        return bound;
    }

    static Map<String, Double> valuesOf(Map<String, Constant> constants) {
        Map<String, Double> values = new HashMap<>();
        constants.forEach((name, c) -> values.put(name, c.value()));
        return values;
    }
}

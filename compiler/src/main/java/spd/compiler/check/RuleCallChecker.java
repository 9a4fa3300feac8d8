package spd.compiler.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spd.compiler.ast.Expr;
import spd.compiler.ast.Ident;
import spd.compiler.ast.RuleDecl;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.lang.RuleTable;

/** Checks a use of a named rule, {@code logsum(eps: 2)}: the rule exists and its arguments fit its parameters. */
final class RuleCallChecker {
    private final Diagnostics diagnostics;
    private final RuleTable rules;
    private final ExprChecker exprs;

    RuleCallChecker(Diagnostics diagnostics, RuleTable rules, ExprChecker exprs) {
        this.diagnostics = diagnostics;
        this.rules = rules;
        this.exprs = exprs;
    }

    /** The visible rule of this name, if any (no report). */
    Optional<RuleDecl> find(String name) {
        return rules.find(name);
    }

    /** The rule and its arguments by parameter name, or empty when the call is wrong (and reported). */
    Optional<RuleUse> check(Expr.Call call, Scope constantScope) {
        Ident name = call.function();
        Optional<RuleDecl> found = rules.find(name.name());
        if (found.isEmpty()) {
            reportUnknownRule(name);
            call.arguments().forEach(a -> exprs.check(a.value(), constantScope));
            return Optional.empty();
        }
        RuleDecl rule = found.get();
        Map<String, Expr> arguments = bindArguments(call, rule, constantScope);
        return arguments == null ? Optional.empty() : Optional.of(new RuleUse(rule, arguments, call));
    }

    private void reportUnknownRule(Ident name) {
        if (rules.isStandard(name.name())) {
            diagnostics.report(
                    Code.E0103,
                    name.span(),
                    "unknown rule '" + name.name() + "'",
                    "'" + name.name() + "' is in the standard library: add 'import std' at the top of the file");
            return;
        }
        String[] help = Suggestions.didYouMean(name.name(), rules.names());
        if (help.length == 0) {
            help = new String[] {
                "declare it with 'rule " + name.name() + "(...) { eta(w) = ... }' or import a file that does"
            };
        }
        diagnostics.report(Code.E0103, name.span(), "unknown rule '" + name.name() + "'", help);
    }

    private Map<String, Expr> bindArguments(Expr.Call call, RuleDecl rule, Scope constantScope) {
        List<String> params = rule.params().stream().map(Ident::name).toList();
        Map<String, Expr> bound = new LinkedHashMap<>();
        boolean ok = true;
        boolean sawNamed = false;
        int position = 0;
        for (Expr.Argument argument : call.arguments()) {
            long before = diagnostics.errorCount();
            exprs.check(argument.value(), constantScope);
            ok &= diagnostics.errorCount() == before;
            String param;
            if (argument.name().isPresent()) {
                sawNamed = true;
                param = argument.name().get().name();
                if (!params.contains(param)) {
                    String[] help = Suggestions.didYouMean(param, params);
                    diagnostics.report(
                            Code.E0105,
                            argument.name().get().span(),
                            "rule '" + rule.name().name() + "' has no parameter '" + param + "'",
                            help.length > 0 ? help : new String[] {signature(rule)});
                    ok = false;
                    continue;
                }
            } else if (sawNamed) {
                diagnostics.report(
                        Code.E0106,
                        argument.span(),
                        "positional argument after a named one",
                        "name it, or put the positional arguments first: " + signature(rule));
                ok = false;
                continue;
            } else if (position >= params.size()) {
                diagnostics.report(
                        Code.E0104,
                        argument.span(),
                        "rule '" + rule.name().name() + "' takes " + ExprChecker.plural(params.size(), "parameter")
                                + ", but more arguments are given",
                        signature(rule));
                ok = false;
                continue;
            } else {
                param = params.get(position++);
            }
            if (bound.putIfAbsent(param, argument.value()) != null) {
                diagnostics.report(
                        Code.E0106, argument.span(), "parameter '" + param + "' is given twice", signature(rule));
                ok = false;
            }
        }
        List<String> missing =
                params.stream().filter(p -> !bound.containsKey(p)).toList();
        if (!missing.isEmpty() && ok) {
            diagnostics.report(
                    Code.E0104,
                    call.span(),
                    "rule '" + rule.name().name() + "' needs " + String.join(", ", missing),
                    signature(rule));
            ok = false;
        }
        return ok ? bound : null;
    }

    static String signature(RuleDecl rule) {
        return "the rule is " + rule.name().name() + "("
                + String.join(", ", rule.params().stream().map(Ident::name).toList()) + ")";
    }

    /** A checked use of a rule: which rule and the argument for each of its parameters. */
    record RuleUse(RuleDecl rule, Map<String, Expr> arguments, Expr.Call call) {
        /** Whether the rule body refers to the using experiment's lambda (it has no parameter of that name). */
        boolean usesContextLambda(Set<String> namesUsedInBody) {
            return namesUsedInBody.contains("lambda") && !arguments.containsKey("lambda");
        }
    }
}

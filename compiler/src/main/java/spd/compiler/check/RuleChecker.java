package spd.compiler.check;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import spd.compiler.ast.FunctionDef;
import spd.compiler.ast.Ident;
import spd.compiler.ast.LetDecl;
import spd.compiler.ast.RuleDecl;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.lang.Schemas;
import spd.compiler.source.Span;

/** Checks a rule declaration: unique parameters and constants, known function names, names in bodies. */
final class RuleChecker {
    private final Diagnostics diagnostics;
    private final ExprChecker exprs;

    RuleChecker(Diagnostics diagnostics, ExprChecker exprs) {
        this.diagnostics = diagnostics;
        this.exprs = exprs;
    }

    void check(RuleDecl rule) {
        Map<String, Span> names = new LinkedHashMap<>();
        for (Ident param : rule.params()) {
            declare(names, param, "parameter");
        }
        for (LetDecl let : rule.lets()) {
            exprs.check(let.value(), new Scope(names, Set.of(), "a constant"));
            declare(names, let.name(), "constant");
        }
        // `lambda` is the regularization strength of the experiment that uses the rule.
        Map<String, Span> withLambda = new LinkedHashMap<>(names);
        withLambda.putIfAbsent("lambda", rule.name().span());
        Map<String, FunctionDef> functions = new HashMap<>();
        for (FunctionDef function : rule.functions()) {
            checkFunction(rule, function, withLambda, functions);
        }
        if (rule.functions().isEmpty()) {
            diagnostics.report(
                    Code.E0204,
                    rule.name().span(),
                    "rule '" + rule.name().name() + "' defines nothing",
                    "define at least one of eta(w) = ..., omega(w) = ..., f(eta) = ... or f'(eta) = ...");
        }
    }

    private void checkFunction(
            RuleDecl rule, FunctionDef function, Map<String, Span> names, Map<String, FunctionDef> seen) {
        String name = function.displayName();
        if (function.label().isPresent()) {
            diagnostics.report(
                    Code.E0207,
                    function.label().get().span(),
                    "a rule's functions take no label",
                    "write " + name + "(" + function.param().name() + ") = ...");
        }
        if (!Schemas.RULE_FUNCTIONS.contains(name)) {
            String[] help = Suggestions.didYouMean(name, Schemas.RULE_FUNCTIONS);
            diagnostics.report(
                    Code.E0207,
                    function.name().span(),
                    "a rule cannot define '" + name + "'",
                    help.length > 0 ? help : new String[] {"a rule defines eta(w), omega(w), f(eta) or f'(eta)"});
            return;
        }
        FunctionDef first = seen.putIfAbsent(name, function);
        if (first != null) {
            diagnostics.report(
                    Code.E0102,
                    function.name().span(),
                    "'" + name + "' is defined twice in rule '" + rule.name().name() + "'",
                    "first defined at line " + first.span().line());
            return;
        }
        // A rule body may be constant in its argument (fixed dropout): no warning here, unlike an experiment's eta.
        exprs.check(function.body(), new Scope(names, Set.of(function.param().name()), "the body of " + name));
    }

    private void declare(Map<String, Span> names, Ident ident, String what) {
        Span first = names.putIfAbsent(ident.name(), ident.span());
        if (first != null) {
            diagnostics.report(
                    Code.E0102,
                    ident.span(),
                    "'" + ident.name() + "' is declared twice",
                    "first declared at line " + first.line());
        }
    }
}

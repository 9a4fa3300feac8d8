package spd.compiler.check;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import spd.compiler.ast.Expr;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.lang.Functions;
import spd.compiler.lang.RuleTable;
import spd.compiler.sym.MathFunction;

/** Checks names, calls, numbers and piecewise shape in one expression, and collects the variables it uses. */
final class ExprChecker {
    private final Diagnostics diagnostics;
    private final RuleTable rules;

    ExprChecker(Diagnostics diagnostics, RuleTable rules) {
        this.diagnostics = diagnostics;
        this.rules = rules;
    }

    /** Checks {@code expr} in {@code scope}; returns the scope variables it uses. */
    Set<String> check(Expr expr, Scope scope) {
        Set<String> used = new LinkedHashSet<>();
        long before = diagnostics.errorCount();
        visit(expr, scope, used);
        if (diagnostics.errorCount() == before) {
            ConstantFolding.check(expr, scope, diagnostics);
        }
        return used;
    }

    void checkCondition(Expr.Condition condition, Scope scope, Set<String> used) {
        visit(condition.left(), scope, used);
        visit(condition.right(), scope, used);
    }

    private void visit(Expr expr, Scope scope, Set<String> used) {
        switch (expr) {
            case Expr.Num num -> checkNumber(num);
            case Expr.Infinity infinity -> {}
            case Expr.Name name -> checkName(name, scope, used);
            case Expr.Negate negate -> visit(negate.operand(), scope, used);
            case Expr.Binary binary -> {
                visit(binary.left(), scope, used);
                visit(binary.right(), scope, used);
            }
            case Expr.Abs abs -> visit(abs.operand(), scope, used);
            case Expr.Call call -> checkCall(call, scope, used);
            case Expr.Piecewise piecewise -> checkPiecewise(piecewise, scope, used);
        }
    }

    void checkNumber(Expr.Num num) {
        if (Numbers.parse(num.text()).isEmpty()) {
            diagnostics.report(
                    Code.E0501,
                    num.span(),
                    "number " + abbreviate(num.text()) + " is out of range",
                    "numbers must lie within the range of a double (about 1e-307 to 1e308 in magnitude)");
        }
    }

    private void checkName(Expr.Name name, Scope scope, Set<String> used) {
        String id = name.name();
        if (scope.variables().contains(id)) {
            used.add(id);
            return;
        }
        if (scope.constants().containsKey(id)) {
            return;
        }
        String special = Scope.SPECIAL_VARIABLES.get(id);
        if (special != null) {
            diagnostics.report(Code.E0110, name.span(), "'" + id + "' cannot be used in " + scope.where(), special);
            return;
        }
        if (Functions.byName(id).isPresent()) {
            diagnostics.report(
                    Code.E0101,
                    name.span(),
                    "'" + id + "' is a function, not a value",
                    "call it with its argument: " + id + "(x)");
            return;
        }
        String[] help = Suggestions.didYouMean(id, scope.allNames());
        if (help.length == 0 && id.equals("lambda")) {
            help = new String[] {"define the regularization strength first: let lambda = 1e-3"};
        } else if (help.length == 0) {
            help = new String[] {"define it with 'let " + id + " = ...' before it is used"};
        }
        diagnostics.report(Code.E0101, name.span(), "unknown name '" + id + "'", help);
    }

    private void checkCall(Expr.Call call, Scope scope, Set<String> used) {
        String name = call.function().name();
        Optional<MathFunction> builtin = Functions.byName(name);
        if (builtin.isEmpty()) {
            reportUnknownFunction(call);
        } else {
            checkBuiltinArguments(call, builtin.get());
        }
        for (Expr.Argument argument : call.arguments()) {
            visit(argument.value(), scope, used);
        }
    }

    private void reportUnknownFunction(Expr.Call call) {
        String name = call.function().name();
        if (rules.find(name).isPresent() || rules.isStandard(name)) {
            diagnostics.report(
                    Code.E0103,
                    call.function().span(),
                    "'" + name + "' is a named rule, not a function of an expression",
                    "use a rule on its own: eta = " + name + "(...) or penalty " + name + "(...) weight lambda");
            return;
        }
        List<String> builtins = Functions.names();
        String[] help = Suggestions.didYouMean(name, builtins);
        if (help.length == 0) {
            help = new String[] {"the functions are " + String.join(", ", builtins)};
        }
        diagnostics.report(Code.E0103, call.function().span(), "unknown function '" + name + "'", help);
    }

    private void checkBuiltinArguments(Expr.Call call, MathFunction builtin) {
        for (Expr.Argument argument : call.arguments()) {
            if (argument.name().isPresent()) {
                diagnostics.report(
                        Code.E0106,
                        argument.name().get().span(),
                        "'" + builtin.spdName() + "' takes positional arguments only",
                        "write " + builtin.spdName() + "(x) without a name");
            }
        }
        int given = call.arguments().size();
        if (given != builtin.arity()) {
            diagnostics.report(
                    Code.E0104,
                    call.span(),
                    "'" + builtin.spdName() + "' takes " + plural(builtin.arity(), "argument") + ", not " + given,
                    builtin.spdName() + ": " + builtin.description());
        }
    }

    private void checkPiecewise(Expr.Piecewise piecewise, Scope scope, Set<String> used) {
        List<Expr.Case> cases = piecewise.cases();
        for (int i = 0; i < cases.size(); i++) {
            Expr.Case c = cases.get(i);
            visit(c.value(), scope, used);
            c.when().ifPresent(when -> checkCondition(when, scope, used));
            boolean last = i == cases.size() - 1;
            if (c.when().isEmpty() && !last) {
                diagnostics.report(
                        Code.E0001,
                        c.span(),
                        "'otherwise' must be the last case of a piecewise expression",
                        "cases are tried in order; the 'otherwise' case catches the rest");
            }
            if (c.when().isPresent() && last) {
                diagnostics.report(
                        Code.E0001,
                        c.span(),
                        "a piecewise expression must end with an 'otherwise' case",
                        "add a last case such as: inf otherwise");
            }
        }
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String abbreviate(String text) {
        return text.length() > 30 ? text.substring(0, 27) + "..." : text;
    }
}

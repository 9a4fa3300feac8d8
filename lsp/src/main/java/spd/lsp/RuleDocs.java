package spd.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import spd.compiler.ast.FunctionDef;
import spd.compiler.ast.Ident;
import spd.compiler.ast.RuleDecl;
import spd.compiler.source.SourceFile;

/** A named rule described for hovers and completion: its signature, its comment, and the functions it defines. */
final class RuleDocs {
    private RuleDocs() {}

    static String signature(RuleDecl rule) {
        return "`rule " + rule.name().name() + "("
                + rule.params().stream().map(Ident::name).collect(Collectors.joining(", ")) + ")`";
    }

    static String markdown(RuleDecl rule) {
        StringBuilder out = new StringBuilder(signature(rule));
        String origin = rule.span().file().path();
        out.append(origin.equals(Locations.STANDARD_LIBRARY) ? " from the standard library" : " from " + origin);
        String comment = comment(rule);
        if (!comment.isEmpty()) {
            out.append("\n\n").append(comment);
        }
        out.append("\n\n```spd\n");
        for (FunctionDef function : rule.functions()) {
            out.append(function.displayName())
                    .append('(')
                    .append(function.param().name())
                    .append(") = ")
                    .append(oneLine(function.body().span().text()))
                    .append('\n');
        }
        return out.append("```").toString();
    }

    /** The {@code //} lines right above the rule: the standard library documents each rule that way. */
    static String comment(RuleDecl rule) {
        SourceFile file = rule.span().file();
        List<String> lines = new ArrayList<>();
        for (int line = rule.span().line() - 1; line >= 1; line--) {
            String text = file.line(line).strip();
            if (!text.startsWith("//")) {
                break;
            }
            lines.add(0, text.substring(2).strip());
        }
        return String.join(" ", lines);
    }

    private static String oneLine(String text) {
        return text.lines().map(String::strip).collect(Collectors.joining(" "));
    }
}

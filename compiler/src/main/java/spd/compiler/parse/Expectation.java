package spd.compiler.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;
import spd.grammar.SpdLexer;

/**
 * Turns the set of tokens the parser expected into words a user reads ({@code <expression>},
 * {@code <layer>}, {@code '}'}), never an ANTLR token list.
 */
final class Expectation {

    /** A family of tokens that is named as one thing when most of it is expected. */
    private record Group(String name, Set<Integer> tokens, int quorum) {}

    private static final List<Group> GROUPS = List.of(
            new Group(
                    "<statement>",
                    Set.of(
                            SpdLexer.DATA,
                            SpdLexer.NETWORK,
                            SpdLexer.LET,
                            SpdLexer.MASK,
                            SpdLexer.PENALTY,
                            SpdLexer.TRAIN,
                            SpdLexer.PRUNE,
                            SpdLexer.ID),
                    3),
            new Group(
                    "<layer>",
                    Set.of(
                            SpdLexer.INPUT,
                            SpdLexer.DENSE,
                            SpdLexer.LINEAR,
                            SpdLexer.CONV,
                            SpdLexer.MAXPOOL,
                            SpdLexer.FLATTEN,
                            SpdLexer.LOSS),
                    2),
            new Group("<declaration>", Set.of(SpdLexer.EXPERIMENT, SpdLexer.RULE, SpdLexer.IMPORT), 2),
            new Group(
                    "<expression>",
                    Set.of(
                            SpdLexer.NUMBER,
                            SpdLexer.ID,
                            SpdLexer.INF,
                            SpdLexer.PIECEWISE,
                            literal("("),
                            literal("|"),
                            literal("-"),
                            literal("+")),
                    3),
            new Group("<operator>", Set.of(literal("+"), literal("-"), literal("*"), literal("/"), literal("^")), 3),
            new Group("<comparison>", Set.of(literal("<"), literal("<="), literal(">"), literal(">=")), 2));

    private Expectation() {}

    /** A phrase such as {@code <layer> or '}'}. */
    static String describe(IntervalSet expected, Vocabulary vocabulary) {
        Set<Integer> remaining = new LinkedHashSet<>(expected.toList());
        remaining.remove(Token.EPSILON);
        List<String> words = new ArrayList<>();
        for (Group group : GROUPS) {
            long present = group.tokens().stream().filter(remaining::contains).count();
            if (present >= group.quorum()) {
                words.add(group.name());
                remaining.removeAll(group.tokens());
            }
        }
        for (int type : remaining) {
            words.add(tokenName(type, vocabulary));
        }
        if (words.isEmpty()) {
            return "something else";
        }
        if (words.size() == 1) {
            return words.getFirst();
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.getLast();
    }

    /** How one token kind is named in a message: keywords and symbols quoted, others in angle brackets. */
    static String tokenName(int type, Vocabulary vocabulary) {
        return switch (type) {
            case Token.EOF -> "end of file";
            case SpdLexer.ID -> "<name>";
            case SpdLexer.NUMBER -> "<number>";
            case SpdLexer.SHAPE -> "<shape>";
            case SpdLexer.STRING -> "<string>";
            default -> {
                String literal = vocabulary.getLiteralName(type);
                yield literal != null
                        ? literal
                        : "<" + vocabulary.getSymbolicName(type).toLowerCase() + ">";
            }
        };
    }

    /** How the token actually found is shown: its text in quotes, or "end of file". */
    static String found(Token token) {
        if (token == null || token.getType() == Token.EOF) {
            return "end of file";
        }
        String text = token.getText();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        return "'" + text.replace("\n", "\\n") + "'";
    }

    private static int literal(String text) {
        Vocabulary vocabulary = SpdLexer.VOCABULARY;
        String quoted = "'" + text + "'";
        for (int type = 0; type <= vocabulary.getMaxTokenType(); type++) {
            if (quoted.equals(vocabulary.getLiteralName(type))) {
                return type;
            }
        }
        throw new IllegalStateException("no literal token " + quoted + " in the grammar");
    }
}

package spd.compiler.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.source.SourceFile;
import spd.compiler.source.Span;
import spd.grammar.SpdLexer;
import spd.grammar.SpdParser;

/**
 * ANTLR's recovery (it goes on after an error, so several errors are reported) with spd's messages:
 * {@code expected <layer> or '}', found 'relu'} and a hint from the rule being parsed.
 */
final class ReadableErrorStrategy extends DefaultErrorStrategy {
    private static final int MAX_ERRORS_PER_FILE = 25;

    private final SourceFile source;
    private final Diagnostics diagnostics;
    private int reported;

    ReadableErrorStrategy(SourceFile source, Diagnostics diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    int reported() {
        return reported;
    }

    /**
     * Inside a loop of a block (statements, layers, settings), skips an unexpected stretch of tokens up to the
     * next thing the loop accepts or the block's closing brace, keeping nesting balanced, and goes on. ANTLR's
     * own recovery would resynchronise on the follow set of the whole rule stack instead, which here contains
     * names (a statement may start with one), and so closes blocks early and reports errors that are not there.
     */
    @Override
    public void sync(Parser parser) throws RecognitionException {
        ATNState state = parser.getInterpreter().atn.states.get(parser.getState());
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        int next = parser.getInputStream().LA(1);
        IntervalSet accepted = parser.getATN().nextTokens(state);
        boolean loop = switch (state.getStateType()) {
            case ATNState.STAR_LOOP_ENTRY, ATNState.STAR_LOOP_BACK, ATNState.PLUS_LOOP_BACK -> true;
            default -> false;
        };
        if (!loop || accepted.contains(next) || accepted.contains(Token.EPSILON)) {
            super.sync(parser);
            return;
        }
        IntervalSet expected = parser.getExpectedTokens();
        Token found = parser.getCurrentToken();
        beginErrorCondition(parser);
        report(parser, found, "expected " + describe(parser, expected) + ", found " + Expectation.found(found));
        skipBalanced(parser, expected);
        endErrorCondition(parser);
    }

    private static void skipBalanced(Parser parser, IntervalSet expected) {
        int depth = 0;
        int consumed = 0;
        while (true) {
            Token token = parser.getCurrentToken();
            int type = token.getType();
            String text = token.getText();
            if (type == Token.EOF || (depth == 0 && consumed > 0 && (expected.contains(type) || text.equals("}")))) {
                return;
            }
            if (text.equals("(") || text.equals("{")) {
                depth++;
            } else if ((text.equals(")") || text.equals("}")) && --depth < 0) {
                return;
            }
            parser.consume();
            consumed++;
        }
    }

    /**
     * A keyword where a name belongs ({@code let data = 3}) is one mistake: report it, and take the keyword
     * as the name so that parsing goes on as the user meant, with no errors that follow from this one.
     */
    @Override
    public Token recoverInline(Parser parser) throws RecognitionException {
        Token current = parser.getCurrentToken();
        if (isKeyword(current.getType()) && getExpectedTokens(parser).contains(SpdLexer.ID)) {
            report(
                    parser,
                    current,
                    "expected " + describe(parser, getExpectedTokens(parser)) + ", found "
                            + Expectation.found(current));
            CommonToken asName = new CommonToken(current);
            asName.setType(SpdLexer.ID);
            parser.consume();
            return asName;
        }
        return super.recoverInline(parser);
    }

    @Override
    protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
        Token found = e.getOffendingToken();
        report(
                parser,
                found,
                "expected " + describe(parser, parser.getExpectedTokens()) + ", found " + Expectation.found(found));
    }

    @Override
    protected void reportInputMismatch(Parser parser, InputMismatchException e) {
        Token found = e.getOffendingToken();
        report(
                parser,
                found,
                "expected " + describe(parser, e.getExpectedTokens()) + ", found " + Expectation.found(found));
    }

    @Override
    protected void reportUnwantedToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        Token found = parser.getCurrentToken();
        report(
                parser,
                found,
                "unexpected " + Expectation.found(found) + "; expected " + describe(parser, getExpectedTokens(parser)));
    }

    @Override
    protected void reportMissingToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        Token found = parser.getCurrentToken();
        report(
                parser,
                found,
                "expected " + describe(parser, getExpectedTokens(parser)) + " before " + Expectation.found(found));
    }

    private String describe(Parser parser, IntervalSet expected) {
        return Expectation.describe(expected, parser.getVocabulary());
    }

    private void report(Parser parser, Token found, String message) {
        reported++;
        if (reported > MAX_ERRORS_PER_FILE) {
            return;
        }
        List<String> help = hints(parser, found);
        diagnostics.report(Code.E0001, spanOf(found), message, help.toArray(String[]::new));
    }

    private Span spanOf(Token token) {
        if (token == null || token.getType() == Token.EOF || token.getStartIndex() < 0) {
            int end = source.text().length();
            return new Span(source, end, end);
        }
        return new Span(source, token.getStartIndex(), token.getStopIndex() + 1);
    }

    private static List<String> hints(Parser parser, Token found) {
        List<String> help = new ArrayList<>();
        if (found != null
                && isKeyword(found.getType())
                && parser.getExpectedTokens().contains(SpdLexer.ID)) {
            help.add("'" + found.getText() + "' is a keyword of spd; choose another name");
        }
        String context = contextHint(parser.getContext());
        if (context != null) {
            help.add(context);
        }
        return help;
    }

    private static String contextHint(ParserRuleContext context) {
        for (ParserRuleContext c = context; c != null; c = c.getParent()) {
            String hint = switch (c.getRuleIndex()) {
                case SpdParser.RULE_networkBlock, SpdParser.RULE_layerDecl ->
                    "a network holds 'input N' or 'input CxHxW', 'conv [name] N kernel K [relu]', 'maxpool K', 'flatten', "
                            + "'dense [name] N [relu]', 'linear [name] N' and 'loss cross_entropy|squared'";
                case SpdParser.RULE_settingsBlock, SpdParser.RULE_setting ->
                    "settings are written 'key value' inside braces, separated by commas: { epochs 200, batch 128 }";
                case SpdParser.RULE_maskBlock, SpdParser.RULE_maskItem ->
                    "a mask block holds bindings (keep = ...), functions (f(eta) = ...) and settings (min_keep 1e-3)";
                case SpdParser.RULE_targets, SpdParser.RULE_layerTarget ->
                    "layers are listed after 'on' by name, separated by commas: on fc1, fc2(lambda = 1e-4)";
                case SpdParser.RULE_pieceCase ->
                    "a piecewise expression reads piecewise { value if |w| < a, other otherwise }";
                case SpdParser.RULE_condition -> "a condition compares two expressions with <, <=, > or >=";
                case SpdParser.RULE_experiment, SpdParser.RULE_statement ->
                    "an experiment holds data, network, let, eta(w) = ..., mask, penalty, train and prune statements";
                case SpdParser.RULE_ruleDecl, SpdParser.RULE_ruleMember ->
                    "a rule holds 'let' constants and functions such as eta(w) = ... or omega(w) = ...";
                case SpdParser.RULE_file -> "a file holds 'import', 'rule' and 'experiment' declarations";
                default -> null;
            };
            if (hint != null) {
                return hint;
            }
        }
        return null;
    }

    private static boolean isKeyword(int type) {
        return type >= SpdLexer.IMPORT && type <= SpdLexer.INF;
    }
}

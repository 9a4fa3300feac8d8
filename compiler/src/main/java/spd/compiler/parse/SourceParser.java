package spd.compiler.parse;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import spd.compiler.ast.Expr;
import spd.compiler.ast.SpdFile;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.source.SourceFile;
import spd.compiler.source.Span;
import spd.grammar.SpdLexer;
import spd.grammar.SpdParser;

/** Source text to AST: lexing, a nesting guard, two-stage ANTLR parsing, then the {@link AstBuilder}. */
public final class SourceParser {
    /** Deeper nesting than this is surely a mistake, and would only exhaust the stack further on. */
    static final int MAX_NESTING = 64;

    private SourceParser() {}

    /** The file's AST, or empty when it has syntax errors (which are then in {@code diagnostics}). */
    public static Optional<SpdFile> parse(SourceFile source, Diagnostics diagnostics) {
        return parse(source, diagnostics, SpdParser::file).map(tree -> new AstBuilder(source).build(tree));
    }

    /** A single expression (the whole text), or empty when it has syntax errors (then in {@code diagnostics}). */
    public static Optional<Expr> parseExpression(SourceFile source, Diagnostics diagnostics) {
        return parse(source, diagnostics, SpdParser::standaloneExpr)
                .map(tree -> new AstBuilder(source).expression(tree));
    }

    private static <T extends ParserRuleContext> Optional<T> parse(
            SourceFile source, Diagnostics diagnostics, Function<SpdParser, T> rule) {
        List<? extends Token> tokens = lex(source);
        // After a bad character or an unterminated string, the parser would only report the consequences.
        if (reportLexicalErrors(source, tokens, diagnostics) || !checkNesting(source, tokens, diagnostics)) {
            return Optional.empty();
        }
        return Optional.ofNullable(parseTokens(source, tokens, diagnostics, rule));
    }

    private static List<? extends Token> lex(SourceFile source) {
        SpdLexer lexer = new SpdLexer(CharStreams.fromString(source.text(), source.path()));
        lexer.removeErrorListeners();
        return lexer.getAllTokens();
    }

    /** Reports bad characters and unterminated strings or comments; true when there were any. */
    private static boolean reportLexicalErrors(
            SourceFile source, List<? extends Token> tokens, Diagnostics diagnostics) {
        boolean any = false;
        for (Token token : tokens) {
            Span span = new Span(source, token.getStartIndex(), token.getStopIndex() + 1);
            switch (token.getType()) {
                case SpdLexer.UNEXPECTED ->
                    diagnostics.report(
                            Code.E0005,
                            span,
                            "unexpected character " + describeChar(token.getText()),
                            "spd expressions use + - * / ^, |x| for absolute values, and // or /* */ for comments");
                case SpdLexer.UNTERMINATED_STRING ->
                    diagnostics.report(
                            Code.E0006,
                            new Span(source, token.getStartIndex(), token.getStartIndex() + 1),
                            "string is not closed before the end of the line",
                            "add the closing '\"'");
                case SpdLexer.UNTERMINATED_COMMENT ->
                    diagnostics.report(
                            Code.E0007,
                            new Span(source, token.getStartIndex(), token.getStartIndex() + 2),
                            "comment is not closed before the end of the file",
                            "add the closing '*/'");
                default -> {
                    continue;
                }
            }
            any = true;
        }
        return any;
    }

    private static String describeChar(String text) {
        int codePoint = text.codePointAt(0);
        String shown = Character.isISOControl(codePoint) || Character.isWhitespace(codePoint) ? "" : "'" + text + "' ";
        return shown + String.format("(U+%04X)", codePoint);
    }

    /**
     * Brackets nested, exponents chained ({@code 2^2^2^...}, which nests to the right) or prefix operators and
     * absolute-value bars repeated ({@code ---x}, {@code ||||x||||}) deeper than {@link #MAX_NESTING}: reported before
     * parsing, whose recursion (and error recovery) would cost time and stack.
     */
    private static boolean checkNesting(SourceFile source, List<? extends Token> tokens, Diagnostics diagnostics) {
        int depth = 0;
        int powerChain = 0;
        int repeated = 0;
        String previous = "";
        for (Token token : tokens) {
            String text = token.getText();
            if (token.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            if (text.equals("(") || text.equals("{")) {
                depth++;
            } else if (text.equals(")") || text.equals("}")) {
                depth = Math.max(0, depth - 1);
            }
            if (text.equals("^")) {
                powerChain++;
            } else if (!(token.getType() == SpdLexer.NUMBER
                    || token.getType() == SpdLexer.ID
                    || text.equals("(")
                    || text.equals(")")
                    || text.equals("|"))) {
                powerChain = 0;
            }
            repeated = text.equals(previous) && (text.equals("|") || text.equals("-") || text.equals("+"))
                    ? repeated + 1
                    : 0;
            previous = text;
            if (depth > MAX_NESTING || powerChain > MAX_NESTING || repeated > MAX_NESTING) {
                String what = depth > MAX_NESTING
                        ? "brackets are nested"
                        : powerChain > MAX_NESTING ? "exponents are chained" : "'" + text + "' is repeated";
                diagnostics.report(
                        Code.E0002,
                        new Span(source, token.getStartIndex(), token.getStopIndex() + 1),
                        what + " more than " + MAX_NESTING + " deep",
                        "split the expression with 'let' constants");
                return false;
            }
        }
        return true;
    }

    /** SLL first (fast, no error reporting); on failure, full LL with spd's readable error recovery. */
    private static <T extends ParserRuleContext> T parseTokens(
            SourceFile source, List<? extends Token> tokens, Diagnostics diagnostics, Function<SpdParser, T> rule) {
        SpdParser parser = newParser(source, tokens);
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return rule.apply(parser);
        } catch (ParseCancellationException e) {
            SpdParser retry = newParser(source, tokens);
            ReadableErrorStrategy strategy = new ReadableErrorStrategy(source, diagnostics);
            retry.setErrorHandler(strategy);
            T tree = rule.apply(retry);
            return strategy.reported() == 0 ? tree : null;
        }
    }

    private static SpdParser newParser(SourceFile source, List<? extends Token> tokens) {
        ListTokenSource tokenSource = new ListTokenSource(tokens, source.path());
        SpdParser parser = new SpdParser(new CommonTokenStream(tokenSource));
        parser.removeErrorListeners();
        return parser;
    }
}

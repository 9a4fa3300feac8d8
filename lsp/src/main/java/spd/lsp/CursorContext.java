package spd.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import spd.grammar.SpdLexer;

/**
 * Where the cursor is while the user types, when the file may not parse: the text before it split into spd's own
 * tokens (the compiler's lexer, so comments and strings are skipped as the compiler skips them), the blocks still
 * open around it, and the tokens of the item being written.
 *
 * @param insideCommentOrString the cursor is in a comment or a string: nothing to complete
 * @param blocks the open blocks, outermost first; each is the header before its {@code '{'} (e.g. mask, bernoulli)
 * @param item the tokens of the current item: since the start of the line, the block's {@code '{'} or a comma
 *     that separates settings, whichever is last
 * @param openParen the call whose {@code '('} is still open in the current item, e.g. {@code adam}, if any
 * @param before every default-channel token before the cursor, for scans of constants and layer names
 */
record CursorContext(
        boolean insideCommentOrString,
        List<Block> blocks,
        List<Token> item,
        Optional<String> openParen,
        List<Token> before) {

    /** An open block: the keyword that introduced it ({@code mask}, {@code experiment}, ...), the word after, and its '{'. */
    record Block(int keyword, Optional<String> name, int braceIndex) {}

    static CursorContext at(String text, int offset) {
        SpdLexer lexer = new SpdLexer(CharStreams.fromString(text.substring(0, Math.min(offset, text.length()))));
        lexer.removeErrorListeners();
        List<? extends Token> all = lexer.getAllTokens();
        if (!all.isEmpty() && insideCommentOrString(all.get(all.size() - 1), offset)) {
            return new CursorContext(true, List.of(), List.of(), Optional.empty(), List.of());
        }
        List<Token> tokens = new ArrayList<>();
        for (Token token : all) {
            if (token.getChannel() == Token.DEFAULT_CHANNEL) {
                tokens.add(token);
            }
        }
        // A word that ends at the cursor is the prefix being typed: the editor filters by it; context comes from
        // before.
        if (!tokens.isEmpty()
                && isWord(tokens.get(tokens.size() - 1))
                && tokens.get(tokens.size() - 1).getStopIndex() + 1 == offset) {
            tokens.remove(tokens.size() - 1);
        }
        List<Block> blocks = blocks(tokens);
        int line = lineOf(text, offset);
        int itemStart = blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).braceIndex() + 1;
        int parenDepth = 0;
        for (int i = tokens.size() - 1; i >= itemStart; i--) {
            Token token = tokens.get(i);
            parenDepth += token.getText().equals(")") ? 1 : token.getText().equals("(") ? -1 : 0;
            boolean separator = token.getText().equals(",") && parenDepth == 0 && separatesItems(blocks);
            if (token.getLine() < line || separator) {
                itemStart = i + 1;
                break;
            }
        }
        List<Token> item = List.copyOf(tokens.subList(itemStart, tokens.size()));
        return new CursorContext(false, blocks, item, openParen(item), List.copyOf(tokens));
    }

    /** The innermost open block, if any. */
    Optional<Block> innermost() {
        return blocks.isEmpty() ? Optional.empty() : Optional.of(blocks.get(blocks.size() - 1));
    }

    /** The innermost open block introduced by one of these keywords (an experiment around a mask, say). */
    Optional<Block> enclosing(int keyword) {
        for (int i = blocks.size() - 1; i >= 0; i--) {
            if (blocks.get(i).keyword() == keyword) {
                return Optional.of(blocks.get(i));
            }
        }
        return Optional.empty();
    }

    /** The type of the item's last token, or -1 at the start of an item. */
    int last() {
        return item.isEmpty() ? -1 : item.get(item.size() - 1).getType();
    }

    String lastText() {
        return item.isEmpty() ? "" : item.get(item.size() - 1).getText();
    }

    static boolean isWord(Token token) {
        String text = token.getText();
        return !text.isEmpty() && (Character.isLetter(text.charAt(0)) || text.charAt(0) == '_');
    }

    private static boolean insideCommentOrString(Token last, int offset) {
        boolean endsAtCursor = last.getStopIndex() + 1 >= offset;
        return switch (last.getType()) {
            case SpdLexer.LINE_COMMENT, SpdLexer.UNTERMINATED_COMMENT, SpdLexer.UNTERMINATED_STRING -> endsAtCursor;
            default -> false;
        };
    }

    /** Settings in data, train and mask blocks may be separated by commas; statements and layers may not. */
    private static boolean separatesItems(List<Block> blocks) {
        if (blocks.isEmpty()) {
            return false;
        }
        int keyword = blocks.get(blocks.size() - 1).keyword();
        return keyword == SpdLexer.DATA || keyword == SpdLexer.TRAIN || keyword == SpdLexer.MASK;
    }

    private static List<Block> blocks(List<Token> tokens) {
        List<Block> open = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String text = tokens.get(i).getText();
            if (text.equals("{")) {
                open.add(header(tokens, i));
            } else if (text.equals("}") && !open.isEmpty()) {
                open.remove(open.size() - 1);
            }
        }
        return open;
    }

    /** Reads back from a '{' over a balanced (...) to the keyword of its construct: mask bernoulli {, train adam(...) {. */
    private static Block header(List<Token> tokens, int brace) {
        int depth = 0;
        for (int i = brace - 1; i >= 0 && i >= brace - 64; i--) {
            Token token = tokens.get(i);
            String text = token.getText();
            if (text.equals(")")) {
                depth++;
            } else if (text.equals("(")) {
                depth--;
            } else if (depth == 0 && isBlockKeyword(token.getType())) {
                Optional<String> name = i + 1 < brace && isWord(tokens.get(i + 1))
                        ? Optional.of(tokens.get(i + 1).getText())
                        : Optional.empty();
                return new Block(token.getType(), name, brace);
            } else if (depth == 0 && (text.equals("{") || text.equals("}"))) {
                break;
            }
        }
        return new Block(-1, Optional.empty(), brace);
    }

    private static boolean isBlockKeyword(int type) {
        return type == SpdLexer.EXPERIMENT
                || type == SpdLexer.RULE
                || type == SpdLexer.DATA
                || type == SpdLexer.NETWORK
                || type == SpdLexer.MASK
                || type == SpdLexer.TRAIN
                || type == SpdLexer.PIECEWISE;
    }

    private static Optional<String> openParen(List<Token> item) {
        int depth = 0;
        for (int i = item.size() - 1; i >= 0; i--) {
            String text = item.get(i).getText();
            if (text.equals(")")) {
                depth++;
            } else if (text.equals("(")) {
                if (depth == 0) {
                    return i > 0 && isWord(item.get(i - 1))
                            ? Optional.of(item.get(i - 1).getText())
                            : Optional.of("");
                }
                depth--;
            }
        }
        return Optional.empty();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}

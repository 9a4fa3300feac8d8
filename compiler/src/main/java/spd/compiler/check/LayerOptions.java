package spd.compiler.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import spd.compiler.ast.LayerDecl;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.lang.Schemas;
import spd.compiler.source.Span;

/**
 * The options of a conv or pooling layer, read from the words after its size: {@code kernel 5}, {@code
 * stride 2}, {@code padding valid | same | P} and, for conv, an activation. Read once by the checker, which
 * reports every misplaced word, and again by the model builder on checked files.
 *
 * @param kernel the kernel size (a pooling layer's window is its size)
 * @param stride the stride (conv: 1; pooling: its window)
 * @param padding the padding as written
 * @param activation the activation name ({@code none} when not given)
 * @param spans where each option was written, by key, for diagnostics
 */
public record LayerOptions(int kernel, int stride, Padding padding, String activation, Map<String, Span> spans) {
    /** The padding of a conv layer. */
    public sealed interface Padding {
        /** No padding. */
        record Valid() implements Padding {}

        /** Enough padding to keep the size ((kernel - 1)/2 per side; odd kernels, stride 1). */
        record Same() implements Padding {}

        /** This many zero rows and columns on each side. */
        record Explicit(int size) implements Padding {}
    }

    private static final int MAX_WINDOW = 10_000;
    private static final List<String> CONV_KEYS = List.of("kernel", "stride", "padding");
    private static final List<String> POOL_KEYS = List.of("stride");
    private static final List<String> PADDINGS = List.of("valid", "same");

    /** The window in pixels, with {@code same} resolved to (kernel - 1)/2. */
    public Window window() {
        int pad = switch (padding) {
            case Padding.Valid v -> 0;
            case Padding.Same s -> (kernel - 1) / 2;
            case Padding.Explicit e -> e.size();
        };
        return new Window(kernel, stride, pad);
    }

    /** Reads a conv layer's words, reporting each mistake. */
    static LayerOptions conv(LayerDecl.Conv conv, Diagnostics diagnostics) {
        return new Reader(conv.words(), CONV_KEYS, true, "conv", diagnostics).read(OptionalDouble.empty(), conv.span());
    }

    /** Reads a pooling layer's words, reporting each mistake; the window is the layer's size. */
    static LayerOptions pool(LayerDecl.MaxPool pool, Diagnostics diagnostics) {
        double size =
                Numbers.parse(pool.size().text()).map(v -> v.doubleValue()).orElse(-1.0);
        if (!Numbers.isInteger(size) || size < 1 || size > MAX_WINDOW) {
            diagnostics.report(
                    Code.E0301,
                    pool.size().span(),
                    "a pooling window must be a whole number from 1 to 10,000, not "
                            + pool.size().text());
            size = 1;
        }
        return new Reader(pool.words(), POOL_KEYS, false, "maxpool", diagnostics)
                .read(OptionalDouble.of(size), pool.span());
    }

    /** The options of a checked conv layer. */
    public static LayerOptions ofConv(LayerDecl.Conv conv) {
        return conv(conv, new Diagnostics());
    }

    /** The options of a checked pooling layer. */
    public static LayerOptions ofPool(LayerDecl.MaxPool pool) {
        return pool(pool, new Diagnostics());
    }

    /** Walks the words once: a key takes the next word as its value; a bare word must be an activation. */
    private static final class Reader {
        private final List<LayerDecl.Word> words;
        private final List<String> keys;
        private final boolean takesActivation;
        private final String layer;
        private final Diagnostics diagnostics;
        private final Map<String, Span> spans = new LinkedHashMap<>();
        private final Map<String, LayerDecl.Word> values = new LinkedHashMap<>();
        private int position;
        private boolean misspelt;

        Reader(
                List<LayerDecl.Word> words,
                List<String> keys,
                boolean takesActivation,
                String layer,
                Diagnostics diagnostics) {
            this.words = words;
            this.keys = keys;
            this.takesActivation = takesActivation;
            this.layer = layer;
            this.diagnostics = diagnostics;
        }

        LayerOptions read(OptionalDouble poolSize, Span layerSpan) {
            String activation = "none";
            while (position < words.size()) {
                LayerDecl.Word word = words.get(position++);
                if (keys.contains(word.text())) {
                    option(word);
                } else if (takesActivation && !word.isNumber() && Schemas.ACTIVATIONS.contains(word.text())) {
                    if (once("activation", word)) {
                        activation = word.text();
                    }
                } else {
                    unknown(word);
                }
            }
            int kernel;
            if (poolSize.isPresent()) {
                kernel = (int) poolSize.getAsDouble();
            } else if (values.containsKey("kernel")) {
                kernel = whole(values.get("kernel"), 1, 1);
            } else if (misspelt) {
                kernel = 1; // the unknown option reported is most likely the kernel, misspelt
            } else {
                diagnostics.report(
                        Code.E0204,
                        layerSpan,
                        "a conv layer needs its kernel size",
                        "add 'kernel K', e.g. conv 20 kernel 5");
                kernel = 1;
            }
            int stride = values.containsKey("stride")
                    ? whole(values.get("stride"), 1, 1)
                    : poolSize.isPresent() ? kernel : 1;
            Padding padding = padding(kernel, stride);
            return new LayerOptions(kernel, stride, padding, activation, Map.copyOf(spans));
        }

        private void option(LayerDecl.Word key) {
            LayerDecl.Word value = position < words.size() ? words.get(position) : null;
            boolean takesWord = key.text().equals("padding")
                    && value != null
                    && !value.isNumber()
                    && !Schemas.ACTIVATIONS.contains(value.text())
                    && !keys.contains(value.text());
            if (value == null || !(value.isNumber() || takesWord)) {
                String example = key.text().equals("padding") ? "padding same" : key.text() + " 2";
                diagnostics.report(
                        Code.E0203, key.span(), "'" + key.text() + "' needs a value", "write e.g. '" + example + "'");
                return;
            }
            position++;
            if (once(key.text(), key)) {
                values.put(key.text(), value);
                spans.put(key.text(), key.span().to(value.span()));
            }
        }

        private boolean once(String what, LayerDecl.Word word) {
            if (spans.containsKey(what)) {
                diagnostics.report(
                        Code.E0102,
                        word.span(),
                        "the " + layer + " layer gives its " + what + " twice",
                        "first given at column " + spans.get(what).column());
                return false;
            }
            spans.put(what, word.span());
            return true;
        }

        /** An unknown word; an unknown option followed by a number takes it as its value (one mistake, one message). */
        private void unknown(LayerDecl.Word word) {
            if (!word.isNumber()
                    && position < words.size()
                    && words.get(position).isNumber()) {
                position++;
                misspelt = true;
            }
            List<String> choices = new ArrayList<>(keys);
            if (takesActivation) {
                choices.addAll(Schemas.ACTIVATIONS);
            }
            String[] help = word.isNumber() ? new String[0] : Suggestions.didYouMean(word.text(), choices);
            if (help.length == 0) {
                help = new String[] {
                    takesActivation
                            ? "a conv layer reads: conv [name] N kernel K [stride S] [padding valid|same|P] [relu]"
                            : "a pooling layer reads: maxpool K [stride S]"
                };
            }
            String what = word.isNumber() ? "value" : "option";
            diagnostics.report(
                    Code.E0202, word.span(), "unexpected " + what + " '" + word.text() + "' in " + layer, help);
        }

        /** A whole number of at least {@code min}; reports and returns {@code fallback} otherwise. */
        private int whole(LayerDecl.Word value, int min, int fallback) {
            OptionalDouble number = value.text().contains("x")
                    ? OptionalDouble.empty()
                    : Numbers.parse(value.text())
                            .map(v -> OptionalDouble.of(v.doubleValue()))
                            .orElse(OptionalDouble.empty());
            if (value.text().contains("x")) {
                diagnostics.report(
                        Code.E0203,
                        value.span(),
                        "kernels and strides are square: one number, not " + value.text(),
                        "write e.g. 'kernel 5' for a 5x5 kernel");
                return fallback;
            }
            double v = number.orElse(-1);
            if (!Numbers.isInteger(v) || v < min || v > MAX_WINDOW) {
                diagnostics.report(
                        Code.E0203,
                        value.span(),
                        "expected a whole number from " + min + " to 10,000, not " + value.text());
                return fallback;
            }
            return (int) v;
        }

        private Padding padding(int kernel, int stride) {
            LayerDecl.Word value = values.get("padding");
            if (value == null) {
                return new Padding.Valid();
            }
            if (value.isNumber()) {
                return new Padding.Explicit(whole(value, 0, 0));
            }
            return switch (value.text()) {
                case "valid" -> new Padding.Valid();
                case "same" -> {
                    if (kernel % 2 == 0 || stride != 1) {
                        diagnostics.report(
                                Code.E0203,
                                value.span(),
                                "'padding same' needs an odd kernel and stride 1",
                                "give the padding in pixels, e.g. 'padding " + kernel / 2 + "'");
                    }
                    yield new Padding.Same();
                }
                default -> {
                    String[] help = Suggestions.didYouMean(value.text(), PADDINGS);
                    diagnostics.report(
                            Code.E0203,
                            value.span(),
                            "'padding' must be valid, same or a number of pixels, not '" + value.text() + "'",
                            help);
                    yield new Padding.Valid();
                }
            };
        }
    }
}

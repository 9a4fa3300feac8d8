package spd.compiler.ast;

import java.util.List;
import java.util.Optional;
import spd.compiler.source.Span;

/** One line of a network block. */
public sealed interface LayerDecl {
    Span span();

    /**
     * {@code input 784} (a feature vector) or {@code input 1x28x28} (an image: channels x height x width); one
     * number per dimension, each with its own span.
     */
    record Input(List<Expr.Num> dims, Span span) implements LayerDecl {
        public Input {
            dims = List.copyOf(dims);
        }

        /** Whether the input is an image (three dimensions), not a flat vector. */
        public boolean isImage() {
            return dims.size() == 3;
        }

        /** The dimensions as written, e.g. {@code 1x28x28}. */
        public String text() {
            return String.join("x", dims.stream().map(Expr.Num::text).toList());
        }
    }

    /** {@code dense [name] 300 [relu]}, or {@code linear [name] 1} (a dense layer with no activation). */
    record Dense(Optional<Ident> name, Expr.Num size, Optional<Ident> activation, boolean linear, Span span)
            implements LayerDecl {}

    /** {@code conv [name] 20 kernel 5 [stride 1] [padding valid|same|P] [relu]}: the words after the size. */
    record Conv(Optional<Ident> name, Expr.Num filters, List<Word> words, Span span) implements LayerDecl {
        public Conv {
            words = List.copyOf(words);
        }
    }

    /** {@code maxpool 2 [stride 2]}: the window size and the words after it. */
    record MaxPool(Expr.Num size, List<Word> words, Span span) implements LayerDecl {
        public MaxPool {
            words = List.copyOf(words);
        }
    }

    /** {@code flatten}: an image becomes a vector (implicit before the first dense layer). */
    record Flatten(Span span) implements LayerDecl {}

    /** {@code loss cross_entropy}. */
    record Loss(Ident kind, Span span) implements LayerDecl {}

    /** A word after a conv or pooling size: a name ({@code kernel}, {@code same}, {@code relu}) or a number. */
    record Word(String text, boolean isNumber, Span span) {}
}

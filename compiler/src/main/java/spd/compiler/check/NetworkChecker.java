package spd.compiler.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import spd.compiler.ast.Expr;
import spd.compiler.ast.Ident;
import spd.compiler.ast.LayerDecl;
import spd.compiler.ast.NetworkBlock;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.lang.Schemas;
import spd.compiler.source.Span;
import spd.runtime.data.DataDescription;

/**
 * Checks the network block and that it fits the data ({@link DataChecker} describes the data): infers the shape after every layer,
 * names the layers with weights (conv1, conv2, ... and fc1, fc2, ... by position unless named), and checks
 * the input against the data's examples and the output against its classes.
 */
final class NetworkChecker {
    private final Diagnostics diagnostics;

    NetworkChecker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** What the data block declares, as far as the network needs it; the shape is empty when unknown. */
    record DataFacts(String kind, Optional<DataDescription> shape, String loss, Span span) {
        /** The facts of data the runtime described: classes are trained with cross-entropy, values squared. */
        static DataFacts of(String kind, DataDescription description, Span span) {
            return new DataFacts(
                    kind, Optional.of(description), description.isClassification() ? "cross_entropy" : "squared", span);
        }
    }

    /** Checks the network; returns the layers with weights by name (given, or by position). */
    Map<String, LayerDecl> checkNetwork(NetworkBlock network, Optional<DataFacts> data) {
        Map<String, LayerDecl> named = new LinkedHashMap<>();
        List<LayerDecl.Input> inputs = new ArrayList<>();
        List<LayerDecl.Loss> losses = new ArrayList<>();
        List<LayerDecl> layers = new ArrayList<>();
        int convs = 0;
        int dense = 0;
        for (LayerDecl layer : network.layers()) {
            switch (layer) {
                case LayerDecl.Input input -> inputs.add(input);
                case LayerDecl.Dense d -> {
                    layers.add(d);
                    checkActivation(d.activation());
                    name(d.name(), "fc" + ++dense, d, named);
                }
                case LayerDecl.Conv conv -> {
                    layers.add(conv);
                    name(conv.name(), "conv" + ++convs, conv, named);
                }
                case LayerDecl.MaxPool pool -> layers.add(pool);
                case LayerDecl.Flatten flatten -> layers.add(flatten);
                case LayerDecl.Loss loss -> {
                    losses.add(loss);
                    checkLoss(loss, data);
                }
            }
        }
        checkStructure(network, inputs, losses, layers, data);
        Optional<Shape> input = inputs.isEmpty() ? Optional.empty() : inputShape(inputs.getFirst(), data);
        Optional<Shape> output = new ShapeInference(diagnostics).run(input, layers);
        data.flatMap(DataFacts::shape).ifPresent(d -> output.ifPresent(o -> checkOutput(o, layers, d, data.get())));
        return named;
    }

    private void name(Optional<Ident> given, String positional, LayerDecl layer, Map<String, LayerDecl> named) {
        String name = given.map(Ident::name).orElse(positional);
        LayerDecl first = named.putIfAbsent(name, layer);
        if (first != null) {
            Span at = given.map(Ident::span).orElse(layer.span());
            diagnostics.report(
                    Code.E0102,
                    at,
                    "layer name '" + name + "' is used twice",
                    "first used at line " + first.span().line() + "; unnamed layers are called "
                            + positionalNames(named.values()) + " by position");
        }
    }

    /** How positional names are explained: conv layers are mentioned only to a network that has them. */
    static String positionalNames(java.util.Collection<LayerDecl> layers) {
        boolean convs = layers.stream().anyMatch(l -> l instanceof LayerDecl.Conv);
        return convs ? "conv1, conv2, ... and fc1, fc2, ..." : "fc1, fc2, ...";
    }

    private void checkActivation(Optional<Ident> activation) {
        activation.ifPresent(a -> {
            if (!Schemas.ACTIVATIONS.contains(a.name())) {
                diagnostics.report(
                        Code.E0201,
                        a.span(),
                        "unknown activation '" + a.name() + "'",
                        oneOf(a.name(), Schemas.ACTIVATIONS, "activations"));
            }
        });
    }

    private void checkLoss(LayerDecl.Loss loss, Optional<DataFacts> data) {
        String kind = loss.kind().name();
        if (!Schemas.LOSSES.contains(kind)) {
            diagnostics.report(
                    Code.E0201,
                    loss.kind().span(),
                    "unknown loss '" + kind + "'",
                    oneOf(kind, Schemas.LOSSES, "losses"));
            return;
        }
        data.filter(d -> !d.loss().equals(kind))
                .ifPresent(d -> diagnostics.report(
                        Code.E0305,
                        loss.kind().span(),
                        "loss '" + kind + "' does not fit data '" + d.kind() + "'",
                        "data " + d.kind() + " is trained with 'loss " + d.loss() + "'"));
    }

    private void checkStructure(
            NetworkBlock network,
            List<LayerDecl.Input> inputs,
            List<LayerDecl.Loss> losses,
            List<LayerDecl> layers,
            Optional<DataFacts> data) {
        if (inputs.isEmpty()) {
            diagnostics.report(
                    Code.E0304,
                    network.span(),
                    "the network has no input size",
                    "start it with 'input N'"
                            + data.flatMap(DataFacts::shape)
                                    .map(s -> ", here 'input " + s.features() + "'")
                                    .orElse(""));
        } else if (inputs.size() > 1 || network.layers().getFirst() != inputs.getFirst()) {
            diagnostics.report(
                    Code.E0304, inputs.getLast().span(), "'input' must be the first line of the network, once");
        }
        if (layers.stream().noneMatch(l -> l instanceof LayerDecl.Dense || l instanceof LayerDecl.Conv)) {
            diagnostics.report(
                    Code.E0304, network.span(), "the network has no layers", "add 'dense N relu' or 'linear N'");
        }
        if (losses.isEmpty()) {
            diagnostics.report(
                    Code.E0304,
                    network.span(),
                    "the network has no loss",
                    "end it with 'loss " + data.map(DataFacts::loss).orElse("cross_entropy") + "'");
        } else if (losses.size() > 1) {
            diagnostics.report(Code.E0206, losses.get(1).span(), "the network declares its loss twice");
        }
    }

    /** The declared input's shape, checked against the data's examples; empty when it is not valid. */
    private Optional<Shape> inputShape(LayerDecl.Input input, Optional<DataFacts> data) {
        long before = diagnostics.errorCount();
        List<Integer> dims = new ArrayList<>();
        for (Expr.Num dim : input.dims()) {
            dims.add(positiveInteger(dim, input.isImage() ? "image dimension" : "input size"));
        }
        if (input.dims().size() != 1 && !input.isImage()) {
            diagnostics.report(
                    Code.E0301,
                    input.span(),
                    "an image input has three dimensions, channels x height x width, " + "not " + input.text(),
                    input.dims().size() == 2
                            ? "a grey-level image has one channel: input 1x" + input.text()
                            : "write e.g. input 3x32x32");
        }
        if (diagnostics.errorCount() > before) {
            return Optional.empty();
        }
        Shape shape = input.isImage()
                ? new Shape.Image(dims.get(0), dims.get(1), dims.get(2))
                : new Shape.Vector(dims.getFirst());
        data.ifPresent(d -> d.shape().ifPresent(s -> checkInput(input, shape, s, d)));
        return Optional.of(shape);
    }

    private void checkInput(LayerDecl.Input input, Shape declared, DataDescription data, DataFacts facts) {
        switch (declared) {
            case Shape.Vector vector -> {
                if (vector.size() != data.features()) {
                    Expr.Num size = input.dims().getFirst();
                    diagnostics.report(
                            Code.E0302,
                            size.span(),
                            "the network's input size is " + size.text() + ", but data '" + facts.kind() + "' has "
                                    + data.features() + " features",
                            "write " + data.features() + " here");
                }
            }
            case Shape.Image image -> {
                if (data.featureShape().size() != 3) {
                    diagnostics.report(
                            Code.E0311,
                            input.span(),
                            "the network's input is an image (" + image.text() + "), but data '" + facts.kind()
                                    + "' has feature vectors of " + data.features() + " values",
                            "write 'input " + data.features() + "' and use dense layers");
                } else if (!image.text().equals(imageText(data))) {
                    diagnostics.report(
                            Code.E0302,
                            input.span(),
                            "the network's input is " + image.text() + ", but data '" + facts.kind() + "' has "
                                    + imageText(data) + " images (channels x height x width)",
                            "write 'input " + imageText(data) + "'");
                }
            }
        }
    }

    private void checkOutput(Shape output, List<LayerDecl> layers, DataDescription data, DataFacts facts) {
        LayerDecl last = layers.getLast();
        String classes = data.classes() > 0 ? data.classes() + " classes" : data.outputs() + " output";
        switch (output) {
            case Shape.Image image ->
                diagnostics.report(
                        Code.E0303,
                        last.span(),
                        "the network ends with an image (" + image.text() + "), but data '" + facts.kind() + "' has "
                                + classes,
                        "end it with 'dense " + data.outputs() + "'");
            case Shape.Vector vector -> {
                if (vector.size() != data.outputs() && last instanceof LayerDecl.Dense dense) {
                    diagnostics.report(
                            Code.E0303,
                            dense.size().span(),
                            "the network's output size is " + dense.size().text() + ", but data '" + facts.kind()
                                    + "' has " + data.outputs() + " outputs",
                            "write " + data.outputs() + " here");
                } else if (vector.size() != data.outputs()) {
                    diagnostics.report(
                            Code.E0303,
                            last.span(),
                            "the network's output has " + vector.size() + " values, but data '" + facts.kind()
                                    + "' has " + classes,
                            "end it with 'dense " + data.outputs() + "'");
                }
            }
        }
    }

    private static String imageText(DataDescription data) {
        return String.join(
                "x", data.featureShape().stream().map(String::valueOf).toList());
    }

    /** A whole number from 1 to 10,000,000; reports and returns 1 otherwise. */
    private int positiveInteger(Expr.Num size, String what) {
        OptionalDouble value = value(size);
        if (value.isEmpty()) {
            diagnostics.report(Code.E0501, size.span(), what + " " + size.text() + " is out of range");
            return 1;
        }
        if (!Numbers.isInteger(value.getAsDouble()) || value.getAsDouble() < 1 || value.getAsDouble() > 1e7) {
            diagnostics.report(
                    Code.E0301, size.span(), what + " must be a whole number from 1 to 10,000,000, not " + size.text());
            return 1;
        }
        return (int) value.getAsDouble();
    }

    static OptionalDouble value(Expr.Num size) {
        return Numbers.parse(size.text())
                .map(v -> OptionalDouble.of(v.doubleValue()))
                .orElse(OptionalDouble.empty());
    }

    static String[] oneOf(String found, List<String> choices, String what) {
        String[] help = Suggestions.didYouMean(found, choices);
        return help.length > 0 ? help : new String[] {"the " + what + " are " + String.join(", ", choices)};
    }
}

package spd.lsp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import spd.compiler.ast.Experiment;
import spd.compiler.ast.LayerDecl;
import spd.compiler.ast.NetworkBlock;
import spd.compiler.check.Numbers;
import spd.compiler.model.Network;

/**
 * The shape of each layer of an experiment's network, for hovers and for layer names after {@code on}. A file that
 * checks cleanly has its resolved {@link Network}; one with errors elsewhere still gets the sizes written in its
 * network block, read the way the model reads them (layers {@code fc1, fc2, ...} by position unless named).
 */
final class LayerShapes {
    /** One weight layer: its name, what it maps from and to, and where it is declared. */
    record Shape(
            String name,
            String kind,
            long inputs,
            long outputs,
            String activation,
            boolean bias,
            int line,
            long weights) {
        Shape(String name, String kind, long inputs, long outputs, String activation, boolean bias, int line) {
            this(name, kind, inputs, outputs, activation, bias, line, inputs * outputs);
        }
    }

    private LayerShapes() {}

    /** The layers of {@code experiment}, from its resolved model when there is one. */
    static List<Shape> of(Experiment experiment, Optional<spd.compiler.model.Experiment> resolved) {
        Optional<Network> network = resolved.flatMap(spd.compiler.model.Experiment::network);
        if (network.isPresent()) {
            return network.get().weighted().stream().map(LayerShapes::fromModel).toList();
        }
        return fromSource(experiment);
    }

    /** The input width of the network as written, when it is a whole number. */
    static Optional<Long> inputWidth(Experiment experiment) {
        for (NetworkBlock block : experiment.all(NetworkBlock.class)) {
            for (LayerDecl layer : block.layers()) {
                if (layer instanceof LayerDecl.Input input) {
                    Optional<Long> width = Optional.of(1L);
                    for (var dim : input.dims()) {
                        width = width.flatMap(w -> whole(dim.text()).map(d -> w * d));
                    }
                    return width;
                }
            }
        }
        return Optional.empty();
    }

    private static Shape fromModel(Network.Weighted layer) {
        return switch (layer) {
            case Network.Dense dense ->
                new Shape(
                        dense.name(),
                        dense.bias() ? "dense" : "linear",
                        dense.inputs(),
                        dense.outputs(),
                        dense.activation().name().toLowerCase(java.util.Locale.ROOT),
                        dense.bias(),
                        dense.at().line());
            case Network.Conv conv ->
                new Shape(
                        conv.name(),
                        "conv",
                        conv.input().size(),
                        conv.output().size(),
                        conv.activation().name().toLowerCase(java.util.Locale.ROOT),
                        true,
                        conv.at().line(),
                        conv.weightCount());
        };
    }

    private static List<Shape> fromSource(Experiment experiment) {
        List<Shape> shapes = new ArrayList<>();
        long width = inputWidth(experiment).orElse(0L);
        for (NetworkBlock block : experiment.all(NetworkBlock.class)) {
            for (LayerDecl layer : block.layers()) {
                if (layer instanceof LayerDecl.Dense dense) {
                    long outputs = whole(dense.size().text()).orElse(0L);
                    String name = dense.name().map(n -> n.name()).orElse("fc" + (shapes.size() + 1));
                    String activation = dense.activation().map(a -> a.name()).orElse("none");
                    shapes.add(new Shape(
                            name,
                            dense.linear() ? "linear" : "dense",
                            width,
                            outputs,
                            activation,
                            !dense.linear(),
                            dense.span().line()));
                    width = outputs;
                }
            }
        }
        return shapes;
    }

    private static Optional<Long> whole(String literal) {
        return Numbers.parse(literal)
                .flatMap(value -> {
                    try {
                        return Optional.of(value.longValueExact());
                    } catch (ArithmeticException e) {
                        return Optional.<Long>empty();
                    }
                })
                .filter(v -> v >= 0 && BigDecimal.valueOf(v).compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0);
    }
}

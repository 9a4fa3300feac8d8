package spd.compiler.check;

import java.util.List;
import java.util.Optional;
import spd.compiler.ast.LayerDecl;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.source.Span;

/**
 * Follows the shape of an example through the layers of a network and reports every layer that does not
 * fit its input: a conv or pooling layer after the image became a vector, a window larger than its input, a
 * stride that leaves rows unused, a layer too large to hold. A dense layer flattens an image implicitly. After
 * a mistake the shape is unknown until a dense layer fixes it again, so one mistake is reported once.
 */
final class ShapeInference {
    /** Values per example and weights per layer are held in Java arrays, so each stays below 2^31. */
    private static final long MAX_VALUES = Integer.MAX_VALUE;

    private final Diagnostics diagnostics;
    private boolean flattened;

    ShapeInference(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The shape after the last layer, or empty when a mistake made it unknown. */
    Optional<Shape> run(Optional<Shape> input, List<LayerDecl> layers) {
        Optional<Shape> shape = input;
        for (LayerDecl layer : layers) {
            long before = diagnostics.errorCount();
            Optional<Shape> next = next(shape, layer);
            shape = diagnostics.errorCount() > before ? Optional.empty() : next;
        }
        return shape;
    }

    private Optional<Shape> next(Optional<Shape> in, LayerDecl layer) {
        return switch (layer) {
            case LayerDecl.Dense dense -> dense(in, dense);
            case LayerDecl.Conv conv -> {
                LayerOptions options = LayerOptions.conv(conv, diagnostics);
                int filters = filters(conv);
                yield image(in, conv.span(), "conv").flatMap(image -> conv(image, filters, options, conv));
            }
            case LayerDecl.MaxPool pool -> {
                LayerOptions options = LayerOptions.pool(pool, diagnostics);
                yield image(in, pool.span(), "maxpool")
                        .flatMap(image -> window(
                                image,
                                image.channels(),
                                options,
                                pool.size().span(),
                                "pooling window " + options.kernel(),
                                pool.span()));
            }
            case LayerDecl.Flatten flatten -> {
                if (in.isPresent() && in.get() instanceof Shape.Vector) {
                    diagnostics.report(
                            Code.W0312,
                            flatten.span(),
                            "'flatten' has nothing to flatten: its input is already a " + "vector of "
                                    + in.get().text(),
                            "remove it; a dense layer flattens an image itself");
                }
                flattened = true;
                yield in.map(s -> new Shape.Vector(s.size()));
            }
            case LayerDecl.Input input -> in;
            case LayerDecl.Loss loss -> in;
        };
    }

    private Optional<Shape> dense(Optional<Shape> in, LayerDecl.Dense dense) {
        flattened = true;
        Optional<Double> size =
                NetworkChecker.value(dense.size()).stream().boxed().findFirst();
        if (size.isEmpty() || !Numbers.isInteger(size.get()) || size.get() < 1 || size.get() > 1e7) {
            diagnostics.report(
                    size.isEmpty() ? Code.E0501 : Code.E0301,
                    dense.size().span(),
                    size.isEmpty()
                            ? "layer size " + dense.size().text() + " is out of range"
                            : "layer size must be a whole number from 1 to 10,000,000, not "
                                    + dense.size().text());
            return Optional.empty();
        }
        long outputs = size.get().longValue();
        in.ifPresent(s -> weights(s.size() * outputs, dense.span(), "dense"));
        return Optional.of(new Shape.Vector(outputs));
    }

    private int filters(LayerDecl.Conv conv) {
        Optional<Double> size =
                NetworkChecker.value(conv.filters()).stream().boxed().findFirst();
        if (size.isEmpty() || !Numbers.isInteger(size.get()) || size.get() < 1 || size.get() > 1e7) {
            diagnostics.report(
                    Code.E0301,
                    conv.filters().span(),
                    "the number of filters must be a whole number from 1 to 10,000,000, not "
                            + conv.filters().text());
            return 1;
        }
        return size.get().intValue();
    }

    /** The input as an image, or a diagnostic: conv and pooling layers need images. */
    private Optional<Shape.Image> image(Optional<Shape> in, Span at, String layer) {
        if (in.isEmpty() || in.get() instanceof Shape.Image) {
            return in.map(Shape.Image.class::cast);
        }
        String help = flattened
                ? "put conv and maxpool layers before 'flatten' and the dense layers"
                : "declare the input as an image, channels x height x width, e.g. 'input 1x28x28'";
        diagnostics.report(
                Code.E0310,
                at,
                "'" + layer + "' needs an image, but its input is a vector of "
                        + in.get().text() + (flattened ? " (after a dense layer or flatten)" : ""),
                help);
        return Optional.empty();
    }

    private Optional<Shape> conv(Shape.Image in, int filters, LayerOptions options, LayerDecl.Conv conv) {
        Span kernelAt = options.spans().getOrDefault("kernel", conv.span());
        Optional<Shape> out = window(in, filters, options, kernelAt, "kernel " + options.kernel(), conv.span());
        out.ifPresent(o ->
                weights((long) filters * in.channels() * options.kernel() * options.kernel(), conv.span(), "conv"));
        return out;
    }

    /** The image after a sliding window with {@code channels} outputs, or a diagnostic when it does not fit. */
    private Optional<Shape> window(
            Shape.Image in, int channels, LayerOptions options, Span windowAt, String what, Span layerAt) {
        Window window = options.window();
        String side = in.height() + "x" + in.width();
        if (!window.fits(in.height()) || !window.fits(in.width())) {
            String padded = window.padding() > 0 ? " (" + window.padding() + " padding on each side included)" : "";
            diagnostics.report(
                    Code.E0308,
                    windowAt,
                    "the " + what + " is larger than its " + side + " input" + padded,
                    "use a smaller window, padding, or fewer pooling layers before it");
            return Optional.empty();
        }
        int rows = window.leftover(in.height());
        int columns = window.leftover(in.width());
        if (rows > 0 || columns > 0) {
            Span strideAt = options.spans().getOrDefault("stride", windowAt);
            diagnostics.report(
                    Code.W0309,
                    strideAt,
                    "stride " + window.stride() + " does not fit the " + side + " input: the last "
                            + Math.max(rows, columns) + " row(s) or column(s) are never used",
                    "choose a stride that divides " + (in.height() + 2 * window.padding() - window.kernel())
                            + ", or add padding");
        }
        Shape.Image out = new Shape.Image(channels, window.output(in.height()), window.output(in.width()));
        if (out.size() > MAX_VALUES) {
            diagnostics.report(
                    Code.E0301,
                    layerAt,
                    "this layer outputs " + out.text() + " = " + out.size()
                            + " values per example; spd holds at most 2,147,483,647");
            return Optional.empty();
        }
        return Optional.of(out);
    }

    private void weights(long count, Span at, String layer) {
        if (count > MAX_VALUES) {
            diagnostics.report(
                    Code.E0301,
                    at,
                    "this " + layer + " layer has " + count + " weights; spd holds at most 2,147,483,647 per layer",
                    "use fewer units or filters");
        }
    }
}

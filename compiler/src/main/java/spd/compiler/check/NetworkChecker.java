package spd.compiler.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import spd.compiler.ast.DataBlock;
import spd.compiler.ast.Expr;
import spd.compiler.ast.Ident;
import spd.compiler.ast.LayerDecl;
import spd.compiler.ast.NetworkBlock;
import spd.compiler.diag.Code;
import spd.compiler.diag.Diagnostics;
import spd.compiler.lang.BlockSchema;
import spd.compiler.lang.Schemas;
import spd.compiler.source.Span;
import spd.runtime.data.DataDescription;
import spd.runtime.data.DataSpec;

/** Checks the data and network blocks and that they fit each other; names the layers fc1, fc2, ... */
final class NetworkChecker {
  private final Diagnostics diagnostics;
  private final SettingsChecker settings;

  NetworkChecker(Diagnostics diagnostics, SettingsChecker settings) {
    this.diagnostics = diagnostics;
    this.settings = settings;
  }

  /** What the data block declares, as far as the network needs it. */
  record DataShape(String kind, OptionalDouble inputs, OptionalDouble outputs, String loss, Span span) {
    /** The shape the runtime describes: inputs are the product of the feature shape. */
    static DataShape of(String kind, DataDescription description, Span span) {
      return new DataShape(kind, OptionalDouble.of(description.features()), OptionalDouble.of(description.outputs()),
          description.isClassification() ? "cross_entropy" : "squared", span);
    }
  }

  Optional<DataShape> checkData(DataBlock data) {
    String kind = data.kind().name();
    BlockSchema schema = Schemas.DATA.get(kind);
    if (schema == null) {
      diagnostics.report(Code.E0201, data.kind().span(), "unknown data set '" + kind + "'",
          oneOf(kind, Schemas.DATA.keySet().stream().toList(), "data sets"));
      return Optional.empty();
    }
    Map<String, Double> values = settings.check(data.settings(), schema, "data " + kind, data.span());
    if (kind.equals("mnist")) {
      return Optional.of(DataShape.of(kind, DataSpec.Mnist.DESCRIPTION, data.span()));
    }
    Double d = values.get("d");
    Double support = values.get("support");
    if (d != null && support != null && support > d) {
      diagnostics.report(Code.E0203, data.span(), "the support (" + support.intValue()
          + ") is larger than the number of features d (" + d.intValue() + ")", "choose support <= d");
    }
    Double n = values.get("n");
    if (n != null && d != null && n * d > Integer.MAX_VALUE) {
      diagnostics.report(Code.E0203, data.span(), String.format(Locale.ROOT, "n x d = %,.0f numbers, but a data"
          + " matrix holds at most %,d", n * d, Integer.MAX_VALUE), "choose a smaller n or d");
    }
    return Optional.of(new DataShape(kind, d == null ? OptionalDouble.empty() : OptionalDouble.of(d),
        OptionalDouble.of(1), "squared", data.span()));
  }

  /** Checks the network; returns its layer names (given or fc1, fc2, ...) with their declarations. */
  Map<String, LayerDecl.Dense> checkNetwork(NetworkBlock network, Optional<DataShape> data) {
    Map<String, LayerDecl.Dense> layers = new LinkedHashMap<>();
    List<LayerDecl.Dense> dense = new ArrayList<>();
    List<LayerDecl.Input> inputs = new ArrayList<>();
    List<LayerDecl.Loss> losses = new ArrayList<>();
    for (LayerDecl layer : network.layers()) {
      switch (layer) {
        case LayerDecl.Input input -> {
          inputs.add(input);
          positiveInteger(input.size(), "input size");
        }
        case LayerDecl.Dense d -> {
          dense.add(d);
          addDense(d, layers, dense.size());
        }
        case LayerDecl.Loss loss -> {
          losses.add(loss);
          checkLoss(loss, data);
        }
      }
    }
    checkShape(network, inputs, losses, dense, data);
    return layers;
  }

  private void addDense(LayerDecl.Dense dense, Map<String, LayerDecl.Dense> layers, int position) {
    positiveInteger(dense.size(), "layer size");
    dense.activation().ifPresent(activation -> {
      if (!Schemas.ACTIVATIONS.contains(activation.name())) {
        diagnostics.report(Code.E0201, activation.span(), "unknown activation '" + activation.name() + "'",
            oneOf(activation.name(), Schemas.ACTIVATIONS, "activations"));
      }
    });
    String name = dense.name().map(Ident::name).orElse("fc" + position);
    LayerDecl.Dense first = layers.putIfAbsent(name, dense);
    if (first != null) {
      Span at = dense.name().map(Ident::span).orElse(dense.span());
      diagnostics.report(Code.E0102, at, "layer name '" + name + "' is used twice",
          "first used at line " + first.span().line() + "; unnamed layers are called fc1, fc2, ... by position");
    }
  }

  /**
   * Each layer's weights live in one array, which holds at most {@link Integer#MAX_VALUE} numbers ({@code dense
   * 3000000} after 784 inputs would need 2.35 billion); and all of them together must fit one count too.
   */
  private void checkLayerSizes(LayerDecl.Input input, List<LayerDecl.Dense> layers) {
    OptionalDouble width = value(input.size());
    double total = 0;
    for (int i = 0; i < layers.size() && width.isPresent(); i++) {
      LayerDecl.Dense layer = layers.get(i);
      OptionalDouble outputs = value(layer.size());
      if (outputs.isEmpty()) {
        return;
      }
      double weights = width.getAsDouble() * outputs.getAsDouble();
      total += weights;
      String name = layer.name().map(Ident::name).orElse("fc" + (i + 1));
      if (weights > Integer.MAX_VALUE) {
        diagnostics.report(Code.E0301, layer.size().span(), String.format(Locale.ROOT,
            "layer %s would have %,.0f weights (%,.0f inputs x %,.0f outputs); a layer holds at most %,d", name,
            weights, width.getAsDouble(), outputs.getAsDouble(), Integer.MAX_VALUE),
            "use fewer units, or fewer inputs before it");
        return;
      }
      if (total > Integer.MAX_VALUE) {
        diagnostics.report(Code.E0301, layer.size().span(), String.format(Locale.ROOT,
            "the network would have %,.0f weights up to layer %s; a network holds at most %,d", total, name,
            Integer.MAX_VALUE), "use fewer or narrower layers");
        return;
      }
      width = outputs;
    }
  }

  private void checkLoss(LayerDecl.Loss loss, Optional<DataShape> data) {
    String kind = loss.kind().name();
    if (!Schemas.LOSSES.contains(kind)) {
      diagnostics.report(Code.E0201, loss.kind().span(), "unknown loss '" + kind + "'",
          oneOf(kind, Schemas.LOSSES, "losses"));
      return;
    }
    data.filter(d -> !d.loss().equals(kind)).ifPresent(d -> diagnostics.report(Code.E0305, loss.kind().span(),
        "loss '" + kind + "' does not fit data '" + d.kind() + "'",
        "data " + d.kind() + " is trained with 'loss " + d.loss() + "'"));
  }

  private void checkShape(NetworkBlock network, List<LayerDecl.Input> inputs, List<LayerDecl.Loss> losses,
      List<LayerDecl.Dense> layers, Optional<DataShape> data) {
    if (inputs.isEmpty()) {
      diagnostics.report(Code.E0304, network.span(), "the network has no input size",
          "start it with 'input N'" + data.flatMap(d -> describe(d.inputs())).map(n -> ", here 'input " + n + "'").orElse(""));
    } else if (inputs.size() > 1 || network.layers().getFirst() != inputs.getFirst()) {
      diagnostics.report(Code.E0304, inputs.getLast().span(), "'input' must be the first line of the network, once");
    }
    if (layers.isEmpty()) {
      diagnostics.report(Code.E0304, network.span(), "the network has no layers", "add 'dense N relu' or 'linear N'");
    }
    if (losses.isEmpty()) {
      diagnostics.report(Code.E0304, network.span(), "the network has no loss",
          "end it with 'loss " + data.map(DataShape::loss).orElse("cross_entropy") + "'");
    } else if (losses.size() > 1) {
      diagnostics.report(Code.E0206, losses.get(1).span(), "the network declares its loss twice");
    }
    if (!inputs.isEmpty()) {
      checkLayerSizes(inputs.getFirst(), layers);
    }
    if (data.isEmpty()) {
      return;
    }
    DataShape shape = data.get();
    if (!inputs.isEmpty()) {
      sizeMatches(inputs.getFirst().size(), shape.inputs(), Code.E0302, "input", shape);
    }
    if (!layers.isEmpty()) {
      LayerDecl.Dense last = layers.getLast();
      sizeMatches(last.size(), shape.outputs(), Code.E0303, "output", shape);
    }
  }

  private void sizeMatches(Expr.Num size, OptionalDouble expected, Code code, String what, DataShape data) {
    OptionalDouble actual = value(size);
    if (actual.isEmpty() || expected.isEmpty() || actual.getAsDouble() == expected.getAsDouble()) {
      return;
    }
    long want = (long) expected.getAsDouble();
    diagnostics.report(code, size.span(), "the network's " + what + " size is " + size.text() + ", but data '"
        + data.kind() + "' has " + want + (what.equals("input") ? " features" : " outputs"),
        "write " + want + " here");
  }

  private void positiveInteger(Expr.Num size, String what) {
    OptionalDouble value = value(size);
    if (value.isEmpty()) {
      diagnostics.report(Code.E0501, size.span(), what + " " + size.text() + " is out of range");
    } else if (!Numbers.isInteger(value.getAsDouble()) || value.getAsDouble() < 1 || value.getAsDouble() > 1e7) {
      diagnostics.report(Code.E0301, size.span(), what + " must be a whole number from 1 to 10,000,000, not "
          + size.text());
    }
  }

  private static OptionalDouble value(Expr.Num size) {
    return Numbers.parse(size.text()).map(v -> OptionalDouble.of(v.doubleValue())).orElse(OptionalDouble.empty());
  }

  private static Optional<String> describe(OptionalDouble value) {
    return value.isPresent() ? Optional.of(String.valueOf((long) value.getAsDouble())) : Optional.empty();
  }

  static String[] oneOf(String found, List<String> choices, String what) {
    String[] help = Suggestions.didYouMean(found, choices);
    return help.length > 0 ? help : new String[] {"the " + what + " are " + String.join(", ", choices)};
  }
}

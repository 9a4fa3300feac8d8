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
import spd.compiler.lang.BlockSchema;
import spd.compiler.lang.Schemas;
import spd.compiler.source.Span;
import spd.runtime.data.DataDescription;

/** Checks the network block and that it fits the data; names the layers fc1, fc2, ... */
final class NetworkChecker {
  private final Diagnostics diagnostics;

  NetworkChecker(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** What the data block declares, as far as the network needs it. */
  record DataShape(String kind, OptionalDouble inputs, OptionalDouble outputs, String loss, Span span) {
    /** The shape the runtime describes: inputs are the product of the feature shape. */
    static DataShape of(String kind, DataDescription description, Span span) {
      return new DataShape(kind, OptionalDouble.of(description.features()), OptionalDouble.of(description.outputs()),
          description.isClassification() ? "cross_entropy" : "squared", span);
    }
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

package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.model.Experiment;
import spd.compiler.model.Fractions;
import spd.compiler.model.Regularizer;
import spd.compiler.model.SourceRef;
import spd.compiler.model.Strategy;
import spd.compiler.source.Span;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Num;
import spd.compiler.sym.Rational;

/**
 * What the derivation reads of an experiment: its regularizer as a {@link Rule} (the first mask or penalty;
 * else the eta rule), its constants and the lines they came from.
 */
public final class DerivationInputs {
    private DerivationInputs() {}

    public static DerivationInput of(Experiment experiment) {
        List<Quote> quotes = new ArrayList<>();
        experiment.eta().ifPresent(eta -> quotes.add(quote("reweighting", eta.at())));
        Rule rule = experiment.regularizers().stream()
                .findFirst()
                .map(regularizer -> fromRegularizer(experiment, regularizer, quotes))
                .orElseGet(() -> experiment
                        .eta()
                        .<Rule>map(eta -> new Rule.EtaRule(eta.body()))
                        .orElse(new Rule.NoRegularization()));
        Optional<Span> at = experiment.regularizers().stream()
                .findFirst()
                .map(r -> r.at().span())
                .or(() -> experiment.eta().map(eta -> eta.at().span()));
        return new DerivationInput(
                experiment.name(), experiment.source().path(), rule, constants(experiment), "lambda", quotes, at);
    }

    private static Rule fromRegularizer(Experiment experiment, Regularizer regularizer, List<Quote> quotes) {
        Optional<Expr> eta = experiment.eta().map(e -> e.body());
        Strategy strategy = regularizer.strategy();
        quotes.add(quote(strategy instanceof Strategy.Penalty ? "penalty" : "mask", regularizer.at()));
        return switch (strategy) {
            case Strategy.Bernoulli b ->
                new Rule.KeepRule(Rule.MaskKind.BERNOULLI, b.keep(), eta, Optional.empty(), false);
            case Strategy.Tikhonov t ->
                new Rule.KeepRule(Rule.MaskKind.TIKHONOV, t.keep(), eta, Optional.of(number(t.minKeep())), false);
            case Strategy.Prox p ->
                new Rule.KeepRule(
                        Rule.MaskKind.PROX, p.keep(), eta, Optional.empty(), p.scale() == Strategy.ProxScale.ADAM);
            case Strategy.Gaussian g -> new Rule.VarianceRule(g.variance(), eta);
            case Strategy.Penalty p ->
                p.omega()
                        .<Rule>map(omega -> new Rule.PenaltyRule(omega, Optional.of(p.weight())))
                        .orElseGet(() -> new Rule.EtaRule(p.eta().orElseThrow()));
            case Strategy.EtaTrick e ->
                e.dual()
                        .f()
                        .<Rule>map(f -> new Rule.DualRule(f, false))
                        .orElseGet(() -> new Rule.DualRule(e.dual().derivative().orElseThrow(), true));
            case Strategy.Variational v -> new Rule.VariationalDropout(Rule.KlForm.EXACT);
            case Strategy.HardConcrete h ->
                new Rule.HardConcrete(number(h.beta()), number(h.gamma()), number(h.zeta()));
            case Strategy.Magnitude m -> new Rule.MagnitudePruning(number(m.target()));
        };
    }

    private static Map<String, Constant> constants(Experiment experiment) {
        Map<String, Constant> constants = new LinkedHashMap<>();
        experiment.constants().forEach((name, c) -> {
            // An infinite constant has no exact value: a rule that uses it cannot be derived, which the derivation
            // reports.
            if (Double.isFinite(c.value())) {
                constants.put(name, new Constant(name, rational(c.exact(), c.value()), c.at().line(), c.at().text()));
            }
        });
        return constants;
    }

    /** The exact value when the constant is a rational number, else the double it evaluates to, exactly. */
    private static Rational rational(Expr exact, double value) {
        if (exact instanceof Num num) {
            return num.value();
        }
        return Fractions.exact(value);
    }

    /** A setting read as a double (2/3 becomes 0.666...), back as the simple fraction it came from. */
    private static Expr number(double value) {
        return Expr.number(Fractions.exact(value));
    }

    private static Quote quote(String role, SourceRef at) {
        return new Quote(role, at.line(), at.text());
    }
}

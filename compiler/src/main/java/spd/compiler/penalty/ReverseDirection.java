package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import spd.compiler.sym.Compiled;
import spd.compiler.sym.Expr;
import spd.compiler.sym.NotDifferentiableException;
import spd.compiler.sym.Piece;
import spd.compiler.sym.Piecewise;
import spd.compiler.sym.Rewrites;
import spd.compiler.sym.Simplifier;

/**
 * The reverse direction of the reduction: from a penalty Omega(w) to the adaptive dropout rule that implements it,
 * eta_hat(w) = w/Omega'(w) (envelope theorem, theory.md 2.2), its keep probability eta_hat/(eta_hat + lambda) and
 * Gaussian variance lambda/eta_hat.
 */
final class ReverseDirection {
    private ReverseDirection() {}

    static ReduceStage.Reduced reduce(Context context, Rule.PenaltyRule rule) {
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Expr omegaW = rule.omega();
        steps.add(Step.of(
                "penalty",
                Quantity.OMEGA,
                omegaW,
                rule.weight().map(w -> "weight " + w.toText()).orElse("as written")));
        Expr t = Expr.symbol(Context.T);
        Expr omegaT = Simplifier.normalize(omegaW.substitute(Map.of(Context.W, t)), context.positiveT);
        Expr atZero = valueAtZero(omegaT, context);
        if (!atZero.equals(Expr.ZERO)) {
            notes.add(
                    "Omega(0) = " + atZero.toText() + " is subtracted: penalties are compared with Omega(0) = 0, and an"
                            + " additive constant changes no gradient.");
            omegaT = Simplifier.normalize(Expr.sub(omegaT, atZero), context.positiveT);
        }
        Expr derivative;
        try {
            derivative = Simplifier.normalize(omegaT.derivative(Context.T), context.positiveT);
        } catch (NotDifferentiableException e) {
            throw new DerivationException("the penalty of " + context.input.experimentName()
                    + " uses a function known only numerically; write Omega in closed form to derive its rule");
        }
        steps.add(Step.of("differentiate", Quantity.OMEGA_PRIME, PropertyAnalysis.inW(derivative), "for w > 0"));
        Expr etaT = Simplifier.normalize(Expr.div(t, derivative), context.positiveT);
        List<Expr> etaForms = List.of(etaT, Expr.div(t, asWrittenDerivative(omegaW, context)));
        PositiveReweighting.requireIncreasingPenalty(
                context, etaT, Compiled.function(etaForms, Context.T, context.values));
        Expr etaW = present(PropertyAnalysis.inW(etaT), context);
        steps.add(Step.of(
                "envelope",
                Quantity.ETA_HAT,
                etaW,
                "|w|/Omega'(|w|): the minimiser of w^2/eta + f(eta) (theory.md 2.2); Omega' = 0 means eta = inf"));
        Expr keepW = present(MaskAlgebra.keepOfEta(etaW, context.lambda), context);
        steps.add(Step.of(
                "keep",
                Quantity.KEEP,
                keepW,
                "eta_hat/(eta_hat + lambda): the scaled-Bernoulli" + " keep probability (theory.md 1.3)"));
        Expr variance = present(varianceOf(etaW, context), context);
        steps.add(Step.of(
                "variance",
                Quantity.MASK_VARIANCE,
                variance,
                "lambda/eta_hat: the Gaussian mask with the same effective penalty"));
        return new ReduceStage.Reduced(
                "penalty (reverse direction: the adaptive rule that implements it)",
                new Reduction.FromPenalty(omegaT, derivative, etaW, etaT, etaForms, keepW),
                steps,
                notes);
    }

    /** Omega'(t) of the penalty as written (no normalisation), for evaluation where the normal form overflows. */
    private static Expr asWrittenDerivative(Expr omegaW, Context context) {
        Expr light = Simplifier.simplify(
                        omegaW.substitute(Map.of(Context.W, Expr.symbol(Context.T))), context.positiveT, Rewrites.LIGHT)
                .expr();
        return light.derivative(Context.T);
    }

    /** Omega(0), which a penalty needs finite: the constant subtracted so that Omega(0) = 0. */
    private static Expr valueAtZero(Expr omegaT, Context context) {
        Expr atZero;
        try {
            atZero = Simplifier.normalize(omegaT.substitute(Map.of(Context.T, Expr.ZERO)), context.realW);
        } catch (ArithmeticException undefined) {
            atZero = Expr.infinity();
        }
        if (atZero.equals(Expr.infinity()) || !Double.isFinite(context.value(atZero))) {
            throw new DerivationException(
                    "the penalty of " + context.input.experimentName() + " is not finite at w = 0;"
                            + " a penalty Omega(w) must have a finite value there (Omega(0) = 0 after subtracting it)");
        }
        return atZero;
    }

    private static Expr varianceOf(Expr eta, Context context) {
        if (eta instanceof Piecewise p) {
            return Expr.piecewise(
                    p.pieces().stream()
                            .map(piece -> new Piece(piece.when(), varianceOf(piece.value(), context)))
                            .toList(),
                    varianceOf(p.otherwise(), context));
        }
        return Simplifier.normalize(Expr.div(context.lambda, eta), context.realW);
    }

    /** The presentation form of e (for t > 0). */
    static Expr present(Expr e, Context context) {
        return Simplifier.simplify(e, context.positiveT, Rewrites.PRESENT).expr();
    }
}

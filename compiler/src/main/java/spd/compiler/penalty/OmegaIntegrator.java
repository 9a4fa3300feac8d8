package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.sym.Cancel;
import spd.compiler.sym.Condition;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Integrator;
import spd.compiler.sym.Interval;
import spd.compiler.sym.Piece;
import spd.compiler.sym.Piecewise;
import spd.compiler.sym.Sym;

/**
 * Omega(t) = int_0^t g(s) ds in closed form for an integrand g(t) = t/eta_hat(t), piecewise integrands included: the
 * pieces are cut at their breakpoints, each is integrated on its interval, and the constants chain so that Omega is
 * continuous.
 */
final class OmegaIntegrator {
    private final Context context;
    private final List<Step> steps = new ArrayList<>();

    private OmegaIntegrator(Context context) {
        this.context = context;
    }

    /** A closed-form Omega in t with the steps that produced it. */
    record Result(Expr omega, List<Step> steps) {}

    static Optional<Result> fromZero(Expr integrand, Context context) {
        OmegaIntegrator integrator = new OmegaIntegrator(context);
        Optional<Expr> omega = integrand instanceof Piecewise p
                ? integrator.piecewise(p)
                : integrator.segment(integrand, Expr.ZERO, Optional.empty(), true);
        return omega.map(value -> new Result(value, integrator.steps));
    }

    /** The integral from {@code lower} to t of g on [lower, upper), as an expression in t. */
    private Optional<Expr> segment(Expr g, Expr lower, Optional<Expr> upper, boolean record) {
        double lo = lower.evaluate(context.values);
        double hi = upper.map(u -> u.evaluate(context.values)).orElse(Double.POSITIVE_INFINITY);
        Interval range = new Interval(Math.max(lo, Double.MIN_VALUE), hi);
        Optional<Integrator.Antiderivative> antiderivative =
                Integrator.antiderivative(g, Context.T, context.positiveT.with(Context.T, range));
        if (antiderivative.isEmpty()) {
            return Optional.empty();
        }
        Expr f = antiderivative.get().value();
        Expr atLower = f.substitute(Map.of(Context.T, lower));
        if (!Double.isFinite(safeValue(atLower))) {
            return Optional.empty();
        }
        Expr definite = Expr.sub(f, atLower);
        if (record) {
            steps.add(Step.then(
                    String.join(", ", antiderivative.get().rules()),
                    definite,
                    "antiderivative at |w| minus its" + " value at " + lower.toText()));
        }
        return Optional.of(definite);
    }

    private double safeValue(Expr e) {
        try {
            return e.evaluate(context.values);
        } catch (IllegalArgumentException | ArithmeticException unknown) {
            return Double.NaN;
        }
    }

    // ------------------------------------------------------------------ pieces

    private Optional<Expr> piecewise(Piecewise p) {
        List<Segments.Segment> segments = Segments.of(p, context);
        if (segments == null) {
            return Optional.empty();
        }
        List<Piece> pieces = new ArrayList<>();
        Expr accumulated = Expr.ZERO;
        Expr last = null;
        for (Segments.Segment s : segments) {
            Optional<Expr> part = segment(s.value(), s.lower(), s.upper(), false);
            if (part.isEmpty()) {
                return Optional.empty();
            }
            Expr omega = Cancel.deep(Expr.add(accumulated, part.get()));
            steps.add(Step.then(
                    "piece",
                    omega,
                    "for " + (s.lower().equals(Expr.ZERO) ? "0" : s.lower().toText())
                            + " <= |w|"
                            + s.upper()
                                    .map(u -> " " + s.upperRelation().text() + " " + u.toText())
                                    .orElse("")
                            + ": Omega(" + s.lower().toText() + ") + int_"
                            + s.lower().toText() + "^|w| " + s.value().toText() + " dt"));
            if (s.upper().isPresent()) {
                Expr upperValue = s.upper().get();
                pieces.add(new Piece(new Condition(new Sym(Context.T), s.upperRelation(), upperValue), omega));
                accumulated = Cancel.deep(omega.substitute(Map.of(Context.T, upperValue)));
            } else {
                last = omega;
            }
        }
        return Optional.of(Expr.piecewise(pieces, last));
    }
}

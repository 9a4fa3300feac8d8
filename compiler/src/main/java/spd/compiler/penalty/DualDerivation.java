package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import spd.compiler.numeric.Maximize;
import spd.compiler.numeric.Maximum;
import spd.compiler.numeric.Tolerance;
import spd.compiler.sym.Assumptions;
import spd.compiler.sym.Cancel;
import spd.compiler.sym.Compiled;
import spd.compiler.sym.Condition;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Interval;
import spd.compiler.sym.Piece;
import spd.compiler.sym.Relation;
import spd.compiler.sym.Rewrites;
import spd.compiler.sym.Simplifier;
import spd.compiler.sym.Solver;
import spd.compiler.sym.Sym;

/**
 * The dual f(eta) = sup_w [2 Omega(w) - w^2/eta] in closed form, when eta_hat can be inverted: the supremum is at
 * w_hat(eta) = eta_hat^{-1}(eta) (stationarity: Omega'(w) = w/eta), at 0 for eta below eta_hat(0+), and at a breakpoint
 * where eta_hat jumps over eta. Every closed form is compared with the numeric supremum before it is returned.
 */
final class DualDerivation {
    private static final double CHECK_TOLERANCE = 1e-7;

    private final Context context;
    private final List<Step> steps = new ArrayList<>();
    private final Assumptions etaPositive;

    private DualDerivation(Context context) {
        this.context = context;
        this.etaPositive = context.realW.with(Context.ETA, Interval.POSITIVE);
    }

    /** A closed-form dual and the steps that led to it. */
    record Result(Expr f, List<Step> steps) {}

    /** One interval of eta, below {@code upper} (or up to it when {@code inclusive}), with the expression of f on it. */
    private record Range(Expr upper, boolean inclusive, Expr f) {}

    /** The dual of the penalty with reweighting etaT and closed-form Omega omegaT (both in t), when one is found. */
    static Optional<Result> of(Expr etaT, Expr omegaT, Context context) {
        DualDerivation derivation = new DualDerivation(context);
        try {
            Optional<Expr> f = derivation.derive(etaT, omegaT);
            if (f.isEmpty() || !derivation.agrees(f.get(), omegaT)) {
                return Optional.empty();
            }
            return Optional.of(new Result(f.get(), derivation.steps));
        } catch (ArithmeticException | IllegalArgumentException noClosedForm) {
            return Optional.empty();
        }
    }

    private Optional<Expr> derive(Expr etaT, Expr omegaT) {
        List<Segments.Segment> etaSegments = Segments.of(etaT, context);
        List<Segments.Segment> omegaSegments = Segments.of(omegaT, context);
        if (etaSegments == null || omegaSegments == null) {
            return Optional.empty();
        }
        Sym eta = new Sym(Context.ETA);
        List<Range> ranges = new ArrayList<>();
        Expr eta0 = limitAtLower(etaSegments.get(0));
        if (eta0.equals(Expr.infinity())) {
            return Optional.empty();
        }
        if (value(eta0) > 0) {
            add(ranges, new Range(eta0, false, Expr.ZERO));
            steps.add(Step.of(
                    "dual-at-zero",
                    Quantity.DUAL,
                    Expr.ZERO,
                    "for eta < " + eta0.toText() + " = eta_hat(0+): the supremum is at w = 0"));
        }
        Expr previousEnd = eta0;
        for (int k = 0; k < etaSegments.size(); k++) {
            Segments.Segment s = etaSegments.get(k);
            if (s.value().equals(Expr.infinity())) {
                continue;
            }
            Expr start = limitAtLower(s);
            if (value(start) > value(previousEnd) * (1 + 1e-12)) {
                // eta_hat jumps over [previousEnd, start): the supremum sits at the breakpoint.
                add(ranges, new Range(start, false, atBreakpoint(s.lower(), omegaT, eta)));
            }
            if (!s.value().dependsOn(Context.T)) {
                // A constant eta_hat = c: f(c) is attained anywhere on the segment; no interval of eta of its own.
                previousEnd = start;
                continue;
            }
            Expr end = s.upper().isPresent() ? limitAtUpper(s, s.upper().get()) : limitAtInfinity(s.value());
            Interval range = s.range(context.values);
            Optional<Expr> inverse =
                    Solver.invert(s.value(), Context.T, Context.ETA, context.positiveT.with(Context.T, range));
            if (inverse.isEmpty()) {
                return Optional.empty();
            }
            steps.add(Step.of(
                    "invert",
                    Quantity.W_HAT,
                    inverse.get(),
                    "eta_hat(w_hat) = eta" + (etaSegments.size() > 1 ? " on " + rangeText(start, end) : "")
                            + "; the maximiser of 2 Omega(w) - w^2/eta"));
            Expr omegaPiece = pieceAt(omegaSegments, s, range);
            Expr wHat = Expr.symbol("w_hat");
            Expr inTermsOfWHat = Simplifier.simplify(
                            Expr.sub(
                                    Expr.mul(Expr.TWO, omegaPiece.substitute(Map.of(Context.T, wHat))),
                                    Expr.div(Expr.pow(wHat, Expr.TWO), eta)),
                            context.positiveT.with("w_hat", Interval.POSITIVE),
                            spd.compiler.sym.Rewrites.PRESENT)
                    .expr();
            steps.add(Step.of("envelope", Quantity.DUAL, inTermsOfWHat, "2 Omega(w_hat) - w_hat^2/eta"));
            Expr f = Expr.sub(
                    Expr.mul(Expr.TWO, omegaPiece.substitute(Map.of(Context.T, inverse.get()))),
                    Expr.div(Expr.pow(inverse.get(), Expr.TWO), eta));
            f = present(f);
            add(ranges, new Range(end, false, f));
            previousEnd = end;
        }
        if (!previousEnd.equals(Expr.infinity())) {
            Segments.Segment finalSegment = etaSegments.get(etaSegments.size() - 1);
            if (finalSegment.value().equals(Expr.infinity())) {
                // Beyond the last breakpoint eta_hat = inf: for larger eta the supremum sits at that breakpoint.
                add(ranges, new Range(Expr.infinity(), false, atBreakpoint(finalSegment.lower(), omegaT, eta)));
            } else {
                // eta_hat stays below its limit L: Omega grows like w^2/(2L), so f(eta) = inf for eta > L.
                if (!finalSegment.value().dependsOn(Context.T)) {
                    add(ranges, new Range(previousEnd, true, atBreakpoint(finalSegment.lower(), omegaT, eta)));
                }
                add(ranges, new Range(Expr.infinity(), false, Expr.infinity()));
                steps.add(Step.remark(
                        "dual-unbounded",
                        "eta_hat(w) stays at or below " + previousEnd.toText()
                                + ", so Omega grows like w^2/(2*" + previousEnd.toText()
                                + ") and f(eta) = inf for eta > "
                                + previousEnd.toText()));
            }
        }
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i + 1 < ranges.size(); i++) {
            Range r = ranges.get(i);
            pieces.add(new Piece(new Condition(eta, r.inclusive() ? Relation.LE : Relation.LT, r.upper()), r.f()));
        }
        Expr f = Expr.piecewise(pieces, ranges.get(ranges.size() - 1).f());
        steps.add(Step.of(
                "dual",
                Quantity.DUAL,
                f,
                "sup_w [2 Omega(w) - w^2/eta] at w = w_hat(eta) (theory.md"
                        + " 2.2), checked against a numeric supremum"));
        return Optional.of(f);
    }

    /** Adds a range, merging it with the previous one when f is the same expression on both. */
    private static void add(List<Range> ranges, Range range) {
        if (!ranges.isEmpty() && ranges.get(ranges.size() - 1).f().equals(range.f())) {
            ranges.remove(ranges.size() - 1);
        }
        ranges.add(range);
    }

    /** lim eta_hat(t) as t -> inf, symbolically from the leading term. */
    private Expr limitAtInfinity(Expr value) {
        var b = spd.compiler.sym.Asymptotics.leading(
                value, Context.T, spd.compiler.sym.Asymptotics.Point.INFINITY, context.values);
        if (b instanceof spd.compiler.sym.Asymptotics.Leading l
                && l.logPower() == 0
                && Math.abs(l.power().evaluate(context.values)) < 1e-12
                && l.rate().equals(Expr.ZERO)) {
            return l.coefficient();
        }
        return Expr.infinity();
    }

    private String rangeText(Expr start, Expr end) {
        return start.toText() + " <= eta < " + end.toText();
    }

    /** f where the supremum is at the breakpoint b: 2 Omega(b) - b^2/eta. */
    private Expr atBreakpoint(Expr b, Expr omegaT, Sym eta) {
        Expr omegaAtB = Cancel.deep(Simplifier.normalize(omegaT.substitute(Map.of(Context.T, b)), context.positiveT));
        return present(Expr.sub(Expr.mul(Expr.TWO, omegaAtB), Expr.div(Expr.pow(b, Expr.TWO), eta)));
    }

    private Expr limitAtLower(Segments.Segment s) {
        return Simplifier.normalize(s.value().substitute(Map.of(Context.T, s.lower())), context.positiveT);
    }

    private Expr limitAtUpper(Segments.Segment s, Expr upper) {
        return Simplifier.normalize(s.value().substitute(Map.of(Context.T, upper)), context.positiveT);
    }

    /** The piece of Omega that applies on the given segment of eta_hat. */
    private Expr pieceAt(List<Segments.Segment> omegaSegments, Segments.Segment s, Interval range) {
        double probe = Double.isInfinite(range.hi()) ? 2 * range.lo() + 1 : (range.lo() + range.hi()) / 2;
        for (Segments.Segment o : omegaSegments) {
            Interval r = o.range(context.values);
            if (r.lo() <= probe && probe < r.hi()) {
                return o.value();
            }
        }
        return omegaSegments.get(omegaSegments.size() - 1).value();
    }

    private Expr present(Expr f) {
        Expr normalized = Simplifier.normalize(f, etaPositive);
        return Simplifier.simplify(normalized, etaPositive, Rewrites.PRESENT).expr();
    }

    private double value(Expr e) {
        return e.equals(Expr.infinity()) ? Double.POSITIVE_INFINITY : e.evaluate(context.values);
    }

    /**
     * The closed form against sup_w [2 Omega(w) - w^2/eta] computed numerically from the closed-form Omega (already
     * checked against quadrature), at eta spread over decades.
     */
    private boolean agrees(Expr f, Expr omegaT) {
        DoubleUnaryOperator dual = Compiled.function(f, Context.ETA, context.values);
        DoubleUnaryOperator omega = Compiled.function(omegaT, Context.T, context.values);
        for (double eta : new double[] {1e-3, 0.05, 0.3, 1, 2.5, 10, 100}) {
            Maximum max = Maximize.global(
                    w -> 2 * omega.applyAsDouble(w) - w * w / eta,
                    1e-9,
                    1e6,
                    600,
                    Maximize.Scale.LOGARITHMIC,
                    Tolerance.relative(1e-12));
            double reference = Math.max(max.value(), 0);
            double closed = dual.applyAsDouble(eta);
            boolean unbounded = max.location() == Maximum.Location.UPPER_END;
            if (unbounded) {
                if (closed != Double.POSITIVE_INFINITY) {
                    return false;
                }
                continue;
            }
            if (!(Math.abs(closed - reference) <= CHECK_TOLERANCE * Math.max(1e-6, Math.abs(reference)))) {
                return false;
            }
        }
        return true;
    }
}

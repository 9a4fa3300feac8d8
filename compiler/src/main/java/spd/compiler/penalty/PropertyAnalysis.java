package spd.compiler.penalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import spd.compiler.numeric.Estimate;
import spd.compiler.numeric.Maximize;
import spd.compiler.numeric.Maximum;
import spd.compiler.numeric.Tolerance;
import spd.compiler.sym.Asymptotics;
import spd.compiler.sym.Cancel;
import spd.compiler.sym.Compiled;
import spd.compiler.sym.Expr;
import spd.compiler.sym.Interval;
import spd.compiler.sym.IntervalEvaluation;
import spd.compiler.sym.NotDifferentiableException;
import spd.compiler.sym.Rewrites;
import spd.compiler.sym.Simplifier;

/**
 * Decides the properties of a derived penalty (theory.md 2.3), symbolically where the expressions allow (interval
 * arithmetic on derivatives, leading terms at 0 and infinity) and on a dense grid otherwise, saying which.
 */
final class PropertyAnalysis {
    /** The grid: log-spaced t from GRID_LOW to GRID_HIGH times the problem's scale (fewer points for numeric rules). */
    private static final int GRID_POINTS = 4000;

    static final int NUMERIC_GRID_POINTS = 400;
    private static final double GRID_LOW = 1e-6;
    private static final double GRID_HIGH = 1e4;

    private final Context context;
    private final Optional<Expr> etaT;
    /** eta_hat in t as normal form first, then as the rule was written (for proofs that need its structure). */
    private final List<Expr> etaForms;

    private final Optional<Expr> integrand;
    private final PenaltyFunctions functions;
    private final double scale;
    private final int numericGridPoints;
    private final List<Property> properties = new ArrayList<>();
    /** eta_hat on the grid, computed once: for numeric rules each value is a root search. */
    private double[] gridEta;

    private PropertyAnalysis(
            Context context,
            List<Expr> etaForms,
            Optional<Expr> integrand,
            PenaltyFunctions functions,
            double scale,
            int numericGridPoints) {
        this.numericGridPoints = numericGridPoints;
        this.context = context;
        this.etaForms = etaForms;
        this.etaT = etaForms.isEmpty() ? Optional.empty() : Optional.of(etaForms.get(0));
        this.integrand = integrand;
        this.functions = functions;
        this.scale = scale;
    }

    /**
     * The properties of a penalty with reweighting etaT and integrand t/etaT (both in t, when known in closed form).
     *
     * @param scale a typical weight magnitude of the problem (breakpoints, eps), which sets the grid's range
     */
    static List<Property> of(
            Context context,
            List<Expr> etaForms,
            Optional<Expr> integrand,
            PenaltyFunctions functions,
            double scale,
            boolean divergent) {
        return of(context, etaForms, integrand, functions, scale, divergent, NUMERIC_GRID_POINTS);
    }

    /** As above, with the number of grid points for a numeric eta_hat (fewer when each value is costly). */
    static List<Property> of(
            Context context,
            List<Expr> etaForms,
            Optional<Expr> integrand,
            PenaltyFunctions functions,
            double scale,
            boolean divergent,
            int numericGridPoints) {
        PropertyAnalysis analysis =
                new PropertyAnalysis(context, etaForms, integrand, functions, scale, numericGridPoints);
        Property monotone = analysis.monotone();
        analysis.properties.add(monotone);
        if (divergent) {
            analysis.properties.add(new Property(
                    "subquadratic",
                    false,
                    "Omega is not finite",
                    "t/eta_hat(t) is not integrable at 0",
                    Property.Method.SYMBOLIC));
            return analysis.properties;
        }
        analysis.properties.add(subquadratic(monotone));
        Slope slope = analysis.slopeAtZero();
        analysis.properties.add(slope.property());
        analysis.properties.add(analysis.sparsity(monotone, slope));
        analysis.properties.add(analysis.threshold(slope));
        analysis.properties.add(analysis.growth());
        analysis.properties.add(analysis.convexity());
        return analysis.properties;
    }

    // ------------------------------------------------------------------ monotonicity of eta_hat

    private Property monotone() {
        if (etaT.isPresent()) {
            // The normal form, lightly and fully simplified (its derivative reads shortest), then the rule as written
            // (t cosh(t) has derivative cosh(t) + t sinh(t), plainly positive, where the exponential form may not
            // prove).
            List<Expr> candidates = new ArrayList<>();
            candidates.add(Simplifier.simplify(etaT.get(), context.positiveT, Rewrites.LIGHT)
                    .expr());
            candidates.add(etaT.get());
            candidates.addAll(etaForms.subList(1, etaForms.size()));
            for (Expr form : candidates.stream().distinct().toList()) {
                Optional<Property> proven = monotoneByIntervals(form);
                if (proven.isPresent()) {
                    return proven.get();
                }
            }
        }
        return monotoneOnGrid();
    }

    /** eta_hat' >= 0 on every segment (interval arithmetic) and no downward jump at the breakpoints. */
    private Optional<Property> monotoneByIntervals(Expr eta) {
        List<Segments.Segment> segments = Segments.of(eta, context);
        if (segments == null) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        for (Segments.Segment s : segments) {
            if (s.value().equals(Expr.infinity()) || !s.value().dependsOn(Context.T)) {
                reasons.add((s.value().equals(Expr.infinity()) ? "inf" : "constant") + rangeText(s));
                continue;
            }
            Interval range = s.range(context.values);
            var onRange = context.positiveT.with(Context.T, range);
            Expr derivative;
            try {
                // The derivative as it comes first (cosh(t) + t*sinh(t) is plainly positive), then in normal form.
                derivative = Simplifier.simplify(s.value().derivative(Context.T), onRange, Rewrites.LIGHT)
                        .expr();
                if (!IntervalEvaluation.enclose(derivative, onRange).isNonnegative()) {
                    derivative = Simplifier.normalize(derivative, onRange);
                }
            } catch (NotDifferentiableException e) {
                return Optional.empty();
            }
            if (!IntervalEvaluation.enclose(derivative, onRange).isNonnegative()) {
                return Optional.empty();
            }
            reasons.add("derivative " + inW(derivative).toText() + " >= 0" + rangeText(s));
        }
        for (int i = 0; i + 1 < segments.size(); i++) {
            double b = segments.get(i).upper().orElseThrow().evaluate(context.values);
            DoubleUnaryOperator left = Compiled.function(segments.get(i).value(), Context.T, context.values);
            DoubleUnaryOperator right = Compiled.function(segments.get(i + 1).value(), Context.T, context.values);
            if (!(left.applyAsDouble(b) <= right.applyAsDouble(b) * (1 + 1e-12))) {
                return Optional.empty();
            }
        }
        return Optional.of(new Property(
                "monotone",
                true,
                "eta_hat(w) is nondecreasing on w >= 0",
                String.join("; ", reasons),
                Property.Method.INTERVAL));
    }

    /** An expression in t shown in |w|. */
    static Expr inW(Expr e) {
        return e.substitute(java.util.Map.of(Context.T, Expr.abs(Expr.symbol(Context.W))));
    }

    private static String rangeText(Segments.Segment s) {
        if (s.upper().isEmpty() && s.lower().equals(Expr.ZERO)) {
            return "";
        }
        return " for " + s.lower().toText() + " <= |w|"
                + s.upper()
                        .map(u -> " " + s.upperRelation().text() + " " + u.toText())
                        .orElse("");
    }

    private double[] gridEta(double[] grid) {
        if (gridEta == null || gridEta.length != grid.length) {
            gridEta = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                gridEta[i] = functions.etaHat(grid[i]);
            }
        }
        return gridEta;
    }

    private Property monotoneOnGrid() {
        double[] grid = grid();
        double[] etas = gridEta(grid);
        double previous = etas[0];
        for (int i = 1; i < grid.length; i++) {
            double next = etas[i];
            if (Double.isNaN(next) || Double.isNaN(previous)) {
                if (i > grid.length / 2) {
                    // Overflow far out (exp of a large argument): the grid ends where eta_hat can be evaluated.
                    grid = java.util.Arrays.copyOf(grid, i);
                    break;
                }
                return new Property(
                        "monotone",
                        false,
                        "eta_hat(w) could not be evaluated at w = " + format(grid[i]),
                        "no claim of subquadratic growth or sparsity",
                        Property.Method.GRID);
            }
            if (next < previous * (1 - decreaseTolerance()) - 1e-300 && decreaseIsReal(grid[i - 1], grid[i])) {
                double peak = locatePeak(grid[Math.max(i - 2, 0)], grid[i]);
                return new Property(
                        "monotone",
                        false,
                        "eta_hat(w) is not nondecreasing: it decreases after w = " + format(peak),
                        "on a grid of " + grid.length + " points from " + format(grid[0]) + " to "
                                + format(grid[grid.length - 1]) + ", eta_hat(" + format(grid[i - 1]) + ") = "
                                + format(previous)
                                + " > eta_hat(" + format(grid[i]) + ") = " + format(next)
                                + (etaT.isPresent()
                                        ? " (proved: interval" + " enclosures at the two points are disjoint)"
                                        : "")
                                + "; the duality theorem does not apply, so no"
                                + " claim of subquadratic growth or sparsity",
                        etaT.isPresent() ? Property.Method.INTERVAL : Property.Method.GRID);
            }
            previous = next;
        }
        return new Property(
                "monotone",
                true,
                "eta_hat(w) is nondecreasing on w >= 0",
                "checked on a grid of "
                        + grid.length + " points from " + format(grid[0]) + " to " + format(grid[grid.length - 1])
                        + " (evidence, not proof)",
                Property.Method.GRID);
    }

    /**
     * How much smaller a grid value must be to count as a decrease: rounding for closed forms, the root search's
     * accuracy for an eta_hat found numerically.
     */
    private double decreaseTolerance() {
        return etaT.isPresent() ? 1e-12 : 1e-9;
    }

    /**
     * Whether eta_hat(b) &lt; eta_hat(a) for sure, not by rounding or overflow: when eta_hat is an expression, its interval
     * enclosures at the two points must be disjoint (an overflowed value encloses everything above the largest double,
     * so overflow never reads as a decrease). A numeric eta_hat is taken at its word.
     */
    private boolean decreaseIsReal(double a, double b) {
        if (etaT.isEmpty()) {
            return true;
        }
        Interval atA = IntervalEvaluation.enclose(etaT.get(), context.positiveT.with(Context.T, Interval.point(a)));
        Interval atB = IntervalEvaluation.enclose(etaT.get(), context.positiveT.with(Context.T, Interval.point(b)));
        return atB.hi() < atA.lo();
    }

    private double locatePeak(double a, double b) {
        Maximum max = Maximize.brent(functions::etaHat, a, b, Tolerance.relative(1e-10));
        return max.x();
    }

    /** A log grid; each point of a numeric eta_hat costs a root search, so those get a coarser one. */
    private double[] grid() {
        int points = etaT.isPresent() ? GRID_POINTS : numericGridPoints;
        double[] grid = new double[points];
        double lo = Math.log(GRID_LOW * scale);
        double hi = Math.log(GRID_HIGH * scale);
        for (int i = 0; i < points; i++) {
            grid[i] = Math.exp(lo + (hi - lo) * i / (points - 1));
        }
        return grid;
    }

    private static Property subquadratic(Property monotone) {
        if (monotone.holds()) {
            return new Property(
                    "subquadratic",
                    true,
                    "Omega is subquadratic (Omega(sqrt(s)) concave and nondecreasing)",
                    "eta_hat is nondecreasing (theory.md 2.3: g'(s) = 1/(2 eta_hat(sqrt(s))) is nonincreasing)",
                    monotone.method());
        }
        return new Property(
                "subquadratic",
                false,
                "Omega is not shown to be subquadratic",
                "eta_hat is not nondecreasing, so the duality theorem (theory.md 2.3) does not apply",
                monotone.method());
    }

    // ------------------------------------------------------------------ behaviour at 0

    /** The slope c = lim t/eta_hat(t) at 0+, symbolic when the leading term is known. */
    private record Slope(double value, Optional<Expr> symbolic, Property property) {}

    private Slope slopeAtZero() {
        if (integrand.isPresent()) {
            Asymptotics.Behaviour b =
                    Asymptotics.leading(integrand.get(), Context.T, Asymptotics.Point.ZERO_PLUS, context.values);
            Optional<Slope> symbolic = slopeFrom(b);
            if (symbolic.isPresent()) {
                return symbolic.get();
            }
        }
        return slopeNumeric();
    }

    /**
     * c = lim Omega(w)/w from Omega(w)/w at w = 1e-3, ..., 1e-10 (times the scale): settled to six digits gives c; a
     * steady decrease by the same factor per decade gives 0 (Omega ~ w^p, p &gt; 1), a steady increase gives inf.
     */
    private Slope slopeNumeric() {
        int n = 8;
        double[] w = new double[n];
        double[] ratio = new double[n];
        for (int k = 0; k < n; k++) {
            w[k] = Math.pow(10, -3 - k) * scale;
            Estimate omega = functions.omega(w[k]);
            ratio[k] = omega.value() / w[k];
            if (!Double.isFinite(ratio[k])) {
                return new Slope(
                        Double.NaN,
                        Optional.empty(),
                        new Property(
                                "slope-at-zero",
                                false,
                                "slope at 0 not" + " determined: Omega(" + format(w[k]) + ") cannot be computed",
                                omega.converged() ? "Omega(w)/w is " + format(ratio[k]) : omega.message(),
                                Property.Method.NUMERIC));
            }
        }
        double last = ratio[n - 1];
        String reason = "numerically, Omega(w)/w = " + format(ratio[n - 3]) + ", " + format(ratio[n - 2]) + ", "
                + format(last) + " at w = " + format(w[n - 3]) + ", " + format(w[n - 2]) + ", " + format(w[n - 1]);
        boolean settled = Math.abs(last - ratio[n - 2]) <= 1e-6 * Math.abs(last)
                && Math.abs(ratio[n - 2] - ratio[n - 3]) <= 1e-5 * Math.abs(last);
        if (settled) {
            return new Slope(
                    last,
                    Optional.empty(),
                    new Property(
                            "slope-at-zero",
                            true,
                            "slope at 0: c = Omega'(0+) = " + format(last),
                            reason,
                            Property.Method.NUMERIC));
        }
        double f1 = ratio[n - 1] / ratio[n - 2];
        double f2 = ratio[n - 2] / ratio[n - 3];
        boolean geometric = Math.abs(f1 - f2) <= 0.05 * Math.max(f1, f2);
        if (last == 0 || (geometric && f1 < 0.99)) {
            return new Slope(
                    0,
                    Optional.empty(),
                    new Property(
                            "slope-at-zero",
                            true,
                            "slope at 0: c = 0",
                            reason + " (decreasing by a factor " + format(f1) + " per decade)",
                            Property.Method.NUMERIC));
        }
        if (geometric && f1 > 1.01) {
            return new Slope(
                    Double.POSITIVE_INFINITY,
                    Optional.empty(),
                    new Property(
                            "slope-at-zero",
                            true,
                            "slope at 0: c = inf",
                            reason + " (growing by a factor " + format(f1) + " per decade)",
                            Property.Method.NUMERIC));
        }
        return new Slope(
                last,
                Optional.empty(),
                new Property(
                        "slope-at-zero",
                        true,
                        "slope at 0: c = Omega'(0+) ~ " + format(last) + " (not settled to six digits)",
                        reason,
                        Property.Method.NUMERIC));
    }

    private Optional<Slope> slopeFrom(Asymptotics.Behaviour b) {
        return switch (b) {
            case Asymptotics.Zero z ->
                Optional.of(new Slope(
                        0,
                        Optional.of(Expr.ZERO),
                        new Property(
                                "slope-at-zero",
                                true,
                                "slope at 0: c = 0",
                                "t/eta_hat(t) vanishes near 0",
                                Property.Method.SYMBOLIC)));
            case Asymptotics.Leading l -> {
                double power = l.power().evaluate(context.values);
                Expr leadingText = leadingTerm(l);
                if (Math.abs(power) < 1e-12 && l.logPower() == 0) {
                    Expr c = Cancel.deep(l.coefficient());
                    double value = c.evaluate(context.values);
                    String shown = c.toText().equals(format(value)) ? c.toText() : c.toText() + " = " + format(value);
                    yield Optional.of(new Slope(
                            value,
                            Optional.of(c),
                            new Property(
                                    "slope-at-zero",
                                    true,
                                    "slope at 0: c = lim t/eta_hat(t) = " + shown,
                                    "t/eta_hat(t) -> " + c.toText() + " as t -> 0+",
                                    Property.Method.SYMBOLIC)));
                }
                boolean infinite = power < 0 || (power == 0 && l.logPower() != 0);
                yield Optional.of(new Slope(
                        infinite ? Double.POSITIVE_INFINITY : 0,
                        Optional.empty(),
                        new Property(
                                "slope-at-zero",
                                true,
                                "slope at 0: c = " + (infinite ? "inf" : "0"),
                                "t/eta_hat(t) ~ " + leadingText.toText() + " as t -> 0+",
                                Property.Method.SYMBOLIC)));
            }
            default -> Optional.empty();
        };
    }

    private static Expr leadingTerm(Asymptotics.Leading l) {
        Expr t = Expr.symbol(Context.T);
        Expr term = Expr.mul(l.coefficient(), Expr.pow(t, l.power()));
        if (l.logPower() != 0) {
            term = Expr.mul(term, Expr.pow(Expr.log(t), Expr.number(l.logPower())));
        }
        if (!l.rate().equals(Expr.ZERO)) {
            term = Expr.mul(term, Expr.exp(Expr.mul(l.rate(), t)));
        }
        return term;
    }

    private Property sparsity(Property monotone, Slope slope) {
        if (!monotone.holds()) {
            return new Property(
                    "sparsity",
                    false,
                    "no claim of sparsity",
                    "eta_hat is not nondecreasing, so the penalty is not shown to be subquadratic",
                    monotone.method());
        }
        if (Double.isNaN(slope.value())) {
            return new Property(
                    "sparsity",
                    false,
                    "sparsity not determined: the slope at 0 is unknown",
                    slope.property().reason(),
                    slope.property().method());
        }
        if (slope.value() > 0) {
            return new Property(
                    "sparsity",
                    true,
                    "sparsity-inducing",
                    "subquadratic with a kink at 0 (c = " + format(slope.value()) + " > 0): small weights are set to 0",
                    slope.property().method());
        }
        return new Property(
                "sparsity",
                false,
                "not sparsity-inducing at 0 (locally quadratic, ridge-like near 0)",
                "subquadratic but c = 0: no thresholding at 0, though the penalty still flattens for large w",
                slope.property().method());
    }

    private Property threshold(Slope slope) {
        double lambda = context.lambdaValue;
        String lambdaName = context.input.lambdaSymbol();
        if (Double.isInfinite(slope.value())) {
            return new Property(
                    "threshold",
                    true,
                    "scalar threshold: w = 0 is a local minimiser of (y - w)^2/2 + " + lambdaName
                            + "*Omega(w) for every y",
                    "infinite slope at 0",
                    slope.property().method());
        }
        if (Double.isNaN(slope.value())) {
            return new Property(
                    "threshold",
                    false,
                    "scalar threshold not determined: the slope at 0 is unknown",
                    slope.property().reason(),
                    slope.property().method());
        }
        String c = slope.symbolic().map(Expr::toText).orElse(format(slope.value()));
        String value = Double.isNaN(lambda) ? "" : " = " + format(lambda * slope.value());
        return new Property(
                "threshold",
                true,
                "scalar threshold: w = 0 is a local minimiser of (y - w)^2/2 + " + lambdaName + "*Omega(w) iff |y| <= "
                        + lambdaName + "*c = " + lambdaName + "*" + parenthesized(c) + value,
                "theory.md 2.3",
                slope.property().method());
    }

    private static String parenthesized(String s) {
        return s.matches("[A-Za-z0-9_.]+") ? s : "(" + s + ")";
    }

    // ------------------------------------------------------------------ growth and convexity

    private Property growth() {
        if (integrand.isPresent()) {
            Asymptotics.Behaviour b =
                    Asymptotics.leading(integrand.get(), Context.T, Asymptotics.Point.INFINITY, context.values);
            Optional<Property> symbolic = growthFrom(b);
            if (symbolic.isPresent()) {
                return symbolic.get();
            }
        }
        return growthNumeric();
    }

    private Optional<Property> growthFrom(Asymptotics.Behaviour b) {
        return switch (b) {
            case Asymptotics.Zero z ->
                Optional.of(new Property(
                        "growth",
                        true,
                        "bounded: Omega is constant, "
                                + format(functions.omega(1e6 * scale).value()) + ", for large |w|",
                        "t/eta_hat(t) = 0 (eta_hat = inf, keep probability 1) beyond the last breakpoint",
                        Property.Method.SYMBOLIC));
            case Asymptotics.Leading l -> {
                double rate = l.rate().evaluate(context.values);
                double power = l.power().evaluate(context.values);
                String reason = "t/eta_hat(t) ~ " + leadingTerm(l).toText() + " as t -> inf";
                if (rate < 0 || (rate == 0 && power < -1) || (rate == 0 && power == -1 && l.logPower() < -1)) {
                    yield Optional.of(new Property(
                            "growth",
                            true,
                            "bounded: Omega(w) -> " + format(limit()) + " as |w| -> inf",
                            reason,
                            Property.Method.SYMBOLIC));
                }
                if (rate > 0) {
                    yield Optional.of(
                            new Property("growth", true, "exponential growth", reason, Property.Method.SYMBOLIC));
                }
                if (Math.abs(power + 1) < 1e-12 && l.logPower() == 0) {
                    Expr c = Cancel.deep(l.coefficient());
                    yield Optional.of(new Property(
                            "growth",
                            true,
                            "logarithmic: Omega(w) ~ " + coefficientText(c) + "log|w|",
                            reason,
                            Property.Method.SYMBOLIC));
                }
                Expr p = Cancel.deep(Expr.add(l.power(), Expr.ONE));
                Expr c = Cancel.deep(Expr.div(l.coefficient(), p));
                yield Optional.of(new Property(
                        "growth",
                        true,
                        "power: Omega(w) ~ " + coefficientText(c) + "|w|^" + parenthesized(p.toText())
                                + (p.equals(Expr.TWO) ? " (quadratic)" : ""),
                        reason,
                        Property.Method.SYMBOLIC));
            }
            default -> Optional.empty();
        };
    }

    private static String coefficientText(Expr c) {
        return c.equals(Expr.ONE) ? "" : parenthesized(c.toText()) + "*";
    }

    private double limit() {
        return functions.omega(1e8 * scale).value();
    }

    private Property growthNumeric() {
        double w1 = 1e3 * scale;
        double w2 = 1e4 * scale;
        Estimate o1 = functions.omega(w1);
        Estimate o2 = functions.omega(w2);
        if (o1.value() == Double.POSITIVE_INFINITY || o2.value() == Double.POSITIVE_INFINITY) {
            double w = o1.value() == Double.POSITIVE_INFINITY ? w1 : w2;
            return new Property(
                    "growth",
                    true,
                    "faster than any power: Omega(w) exceeds the double range by |w| = " + format(w),
                    "numerically, Omega(" + format(w) + ") = inf"
                            + (o1.converged() && o2.converged()
                                    ? ""
                                    : " (" + (o2.converged() ? o1 : o2).message() + ")"),
                    Property.Method.NUMERIC);
        }
        if (!(Double.isFinite(o1.value()) && Double.isFinite(o2.value()))) {
            Estimate failed = Double.isFinite(o1.value()) ? o2 : o1;
            return new Property(
                    "growth",
                    false,
                    "growth not determined: Omega cannot be computed at |w| = "
                            + format(Double.isFinite(o1.value()) ? w2 : w1),
                    failed.message(),
                    Property.Method.NUMERIC);
        }
        double slope = Math.log(o2.value() / o1.value()) / Math.log(w2 / w1);
        String reason = "numerically, Omega(" + format(w1) + ") = " + format(o1.value()) + " and Omega(" + format(w2)
                + ") = " + format(o2.value());
        if (Math.abs(o2.value() - o1.value()) <= 1e-6 * Math.abs(o2.value())) {
            return new Property(
                    "growth", true, "bounded: Omega(w) -> " + format(o2.value()), reason, Property.Method.NUMERIC);
        }
        double increment = o2.value() - o1.value();
        if (slope < 0.3 && Math.abs(increment / Math.log(10) - Math.round(2 * increment / Math.log(10)) / 2.0) < 0.05) {
            return new Property(
                    "growth",
                    true,
                    "logarithmic: Omega(w) ~ " + format(increment / Math.log(10)) + "*log|w|",
                    reason,
                    Property.Method.NUMERIC);
        }
        return new Property(
                "growth",
                true,
                slope < 0.3 ? "slow (logarithmic-like) growth" : "power: Omega(w) ~ |w|^" + format(slope),
                reason,
                Property.Method.NUMERIC);
    }

    /** Omega'' = g'(t): convex when g = t/eta_hat is nondecreasing, concave on w > 0 when it is nonincreasing. */
    private Property convexity() {
        if (integrand.isPresent()) {
            Optional<Property> symbolic = convexityByIntervals(integrand.get());
            if (symbolic.isPresent()) {
                return symbolic.get();
            }
        }
        double[] grid = grid();
        double[] etas = gridEta(grid);
        boolean up = true;
        boolean down = true;
        double previous = Double.NaN;
        for (int i = 0; i < grid.length; i++) {
            double t = grid[i];
            double g = t / etas[i];
            if (!Double.isNaN(previous)) {
                up &= g >= previous * (1 - 1e-9) - 1e-300;
                down &= g <= previous * (1 + 1e-9) + 1e-300;
            }
            previous = g;
        }
        return convexityVerdict(up, down, "t/eta_hat(t) on a grid of " + grid.length + " points", Property.Method.GRID);
    }

    private Optional<Property> convexityByIntervals(Expr g) {
        List<Segments.Segment> segments = Segments.of(g, context);
        if (segments == null) {
            return Optional.empty();
        }
        boolean up = true;
        boolean down = true;
        for (Segments.Segment s : segments) {
            if (!s.value().dependsOn(Context.T)) {
                continue;
            }
            Interval range = s.range(context.values);
            Interval slope;
            try {
                Expr derivative =
                        Simplifier.normalize(s.value().derivative(Context.T), context.positiveT.with(Context.T, range));
                slope = IntervalEvaluation.enclose(derivative, context.positiveT.with(Context.T, range));
            } catch (NotDifferentiableException e) {
                return Optional.empty();
            }
            up &= slope.isNonnegative();
            down &= slope.isNonpositive();
        }
        for (int i = 0; i + 1 < segments.size(); i++) {
            double b = segments.get(i).upper().orElseThrow().evaluate(context.values);
            double left = Compiled.function(segments.get(i).value(), Context.T, context.values)
                    .applyAsDouble(b);
            double right = Compiled.function(segments.get(i + 1).value(), Context.T, context.values)
                    .applyAsDouble(b);
            up &= right >= left;
            down &= right <= left;
        }
        if (!up && !down) {
            return Optional.empty();
        }
        return Optional.of(
                convexityVerdict(up, down, "the sign of d/dt [t/eta_hat(t)] on each piece", Property.Method.INTERVAL));
    }

    private static Property convexityVerdict(boolean up, boolean down, String basis, Property.Method method) {
        if (up && down) {
            return new Property("convexity", true, "convex (linear in |w|)", basis + ": constant", method);
        }
        if (up) {
            return new Property("convexity", true, "convex", basis + ": nondecreasing", method);
        }
        if (down) {
            return new Property("convexity", false, "non-convex: concave on w > 0", basis + ": nonincreasing", method);
        }
        return new Property(
                "convexity",
                false,
                "non-convex: neither convex nor concave on w > 0",
                basis + ": neither nondecreasing nor nonincreasing",
                method);
    }

    static String format(double v) {
        return Numbers.format(v);
    }
}

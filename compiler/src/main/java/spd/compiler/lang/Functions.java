package spd.compiler.lang;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spd.compiler.sym.Builtin;
import spd.compiler.sym.MathFunction;
import spd.compiler.sym.SuppliedFunction;

/**
 * The functions an spd expression may call, by name: the symbolic core's elementary {@link Builtin}s and the
 * functions the language supplies to it (the standard library's numeric duals). The checker uses this table for
 * "unknown function" and arity errors, the lowering to build calls.
 */
public final class Functions {
    /** The exact variational-dropout dual {@code vd_dual(eta)}. */
    public static final SuppliedFunction VD_DUAL = NumericDuals.VARIATIONAL_DROPOUT;

    /** The hard-concrete dual {@code hard_concrete_dual(eta, beta, gamma, zeta)}. */
    public static final SuppliedFunction HARD_CONCRETE_DUAL = NumericDuals.HARD_CONCRETE;

    private static final Map<String, MathFunction> BY_NAME = table();

    private Functions() {}

    private static Map<String, MathFunction> table() {
        List<MathFunction> all = new ArrayList<>(Arrays.asList(Builtin.values()));
        all.add(VD_DUAL);
        all.add(HARD_CONCRETE_DUAL);
        Map<String, MathFunction> byName = new LinkedHashMap<>();
        all.forEach(f -> byName.put(f.spdName(), f));
        return java.util.Collections.unmodifiableMap(byName);
    }

    /** The function of this name, if the language has one. */
    public static Optional<MathFunction> byName(String spdName) {
        return Optional.ofNullable(BY_NAME.get(spdName));
    }

    /** The names of every function, builtins first, for "did you mean" suggestions. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}

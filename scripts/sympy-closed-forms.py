#!/usr/bin/env python3
"""Writes the SymPy reference table of closed-form penalties (compiler/src/test/resources/sympy/closed_forms.tsv).

For each adaptive rule eta_hat(w) in the corpus (the `eta(w) = ...` lines of
compiler/src/test/resources/sympy/corpus.spd), SymPy integrates Omega(t) = int_0^t s/eta_hat(s) ds for t > 0
(20 s at most per rule) and the table records its closed form, or "-" when SymPy gives none (an unevaluated
integral, or no answer in time), with Omega at 0.5, 1 and 3 to 17 significant digits. SympyTableTest then requires spd to give a closed form, with the same values, for
every rule SymPy integrates. The table is committed: tests need no Python. Rerun after changing the corpus:

    python3 -m pip install sympy==1.14.0   # from the machine's local index
    python3 scripts/sympy-closed-forms.py
"""
import pathlib
import re
import signal

import sympy as sp

ROOT = pathlib.Path(__file__).resolve().parent.parent
FOLDER = ROOT / "compiler/src/test/resources/sympy"
POINTS = ("0.5", "1", "3")
t, s = sp.symbols("t s", positive=True)
NAMES = {"t": t, "exp": sp.exp, "log": sp.log, "sqrt": sp.sqrt, "cosh": sp.cosh, "sinh": sp.sinh, "tanh": sp.tanh,
         "atan": sp.atan, "erf": sp.erf, "min": sp.Min, "max": sp.Max, "sin": sp.sin, "cos": sp.cos}


def to_sympy(rule):
    text = rule.replace("|w|", "t").replace("^", "**")
    text = re.sub(r"\bw\b", "t", text)
    return sp.sympify(text, locals=NAMES)


class TimedOut(Exception):
    pass


def on_alarm(signum, frame):
    raise TimedOut()


def closed_form(eta):
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(20)
    try:
        integrand = sp.simplify(s / eta.subs(t, s))
        omega = sp.integrate(integrand, (s, 0, t))
        omega = sp.simplify(omega)
    except TimedOut:
        return None
    finally:
        signal.alarm(0)
    if omega.has(sp.Integral) or omega.has(sp.oo) or omega.has(sp.zoo) or omega.has(sp.nan):
        return None
    return omega


def main():
    rows = ["eta\tsympy_omega\t" + "\t".join("omega(" + p + ")" for p in POINTS)]
    for line in (FOLDER / "corpus.spd").read_text().splitlines():
        found = re.match(r"\s*eta\(w\) = (.*)$", line)
        if not found:
            continue
        rule = found.group(1).strip()
        omega = closed_form(to_sympy(rule))
        if omega is None:
            rows.append(rule + "\t-" + "\t-" * len(POINTS))
            continue
        values = [sp.N(omega.subs(t, sp.Rational(p)), 17) for p in POINTS]
        rows.append(rule + "\t" + sp.sstr(omega) + "\t" + "\t".join(str(v) for v in values))
        print(rule, "->", omega)
    (FOLDER / "closed_forms.tsv").write_text("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()

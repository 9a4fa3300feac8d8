"""The PyTorch reference of every benchmarked .spd file: its rule per layer, written by hand from the file's
declaration and theory.md (the formulas are the reference's own; only the file's `let` constants are read from
the recorded description, as `c["lambda"]`).

A file missing here has no reference: the equivalence check fails for it and bench-vs-pytorch prints spd
alone. Add an entry beside its .spd file's declaration when adding an example.
"""

import copy

import torch

from . import rules

ALL = "all layers"


def logsum_eta(eps):
    """eta_hat(w) = |w| (|w| + eps) (theory.md table row 4)."""
    return lambda w: w.abs() * (w.abs() + eps)


def keep_of(eta, lam):
    """keep = eta/(eta + lambda) (theory.md 1.3, s = 1)."""
    def keep(w):
        e = eta(w)
        return e / (e + lam)
    return keep


def prox_keep(eta, lam):
    """keep = eta/(eta + step lambda): the prox of the reweighted Tikhonov term (theory.md 4.2)."""
    def keep(w, step):
        e = eta(w)
        return e / (e + step * lam)
    return keep


def logsum_dual(eps):
    """f(eta) = 2 log((r + eps)/2) - (r - eps)^2/(4 eta), r = sqrt(eps^2 + 4 eta) (theory.md table row 4)."""
    def f(eta):
        r = torch.sqrt(eps * eps + 4 * eta)
        return 2 * torch.log((r + eps) / 2) - (r - eps) ** 2 / (4 * eta)
    return f


def scad(a, lam):
    """SCAD(a, lambda) normalised by lambda (theory.md table row 6), of |w|."""
    def omega(w):
        t = w.abs()
        middle = (2 * a * lam * t - t * t - lam * lam) / (2 * (a - 1) * lam)
        return torch.where(t < lam, t, torch.where(t <= a * lam, middle, torch.full_like(t, (a + 1) * lam / 2)))
    return omega


def _paper_adaprox(c):
    return {ALL: rules.Prox(prox_keep(logsum_eta(c["eps"]), c["lambda"]), scale="adam")}


def _paper_adatikhonov(c):
    return {ALL: rules.Tikhonov(keep_of(logsum_eta(c["eps"]), c["lambda"]), min_keep=1e-3)}


def _eta_trick(c):
    return {ALL: rules.EtaTrick(c["lambda"], logsum_dual(c["eps"]), init=5.0, decay=1e-3)}


def _logsum_penalty(c):
    lam, eps = c["lambda"], c["eps"]
    return {ALL: rules.Penalty(lambda w: lam * torch.log(1 + w.abs() / eps))}


def _vardrop(reparameterization):
    return lambda c: {ALL: rules.VariationalDropout(reparameterization)}


def _adadrop(c):
    return {ALL: rules.Bernoulli(keep_of(logsum_eta(c["eps"]), c["lambda"]), every=1)}


def _gaussian(c):
    eta, lam = logsum_eta(c["eps"]), c["lambda"]
    return {ALL: rules.Gaussian(lambda w: lam / eta(w), every=1)}


def _fixed_dropout(c):
    return {ALL: rules.Bernoulli(lambda w: torch.full_like(w, 0.5), every=0)}


def _hard_concrete(c):
    return {ALL: rules.HardConcrete(c["lambda"], beta=2 / 3, gamma=-0.1, zeta=1.1, init=0.0)}


def _magnitude(c):
    return {ALL: rules.Magnitude(0.95, "cubic", first_epoch=2, last_epoch=15, every=100)}


def _per_layer(c):
    eta = logsum_eta(2.0)
    return {"fc1": rules.Tikhonov(keep_of(eta, 1e-2), min_keep=1e-3),
            "fc2": rules.Tikhonov(keep_of(eta, c["lambda"]), min_keep=1e-3)}


def _adaprox_plain(c):
    return {ALL: rules.Prox(prox_keep(logsum_eta(c["eps"]), c["lambda"]), scale="sgd")}


def _linear_adadrop(c):
    return {ALL: rules.Bernoulli(keep_of(logsum_eta(c["eps"]), c["lambda"]), every=1)}


def _linear_lasso(c):
    return {ALL: rules.Tikhonov(keep_of(lambda w: w.abs(), c["lambda"]), min_keep=1e-6)}


def _scad_penalty(c):
    lam, omega = c["lambda"], scad(3.7, 1.0)
    return {ALL: rules.Penalty(lambda w: lam * omega(w))}


def _lenet5_hard_concrete(c):
    gates = dict(beta=2 / 3, gamma=-0.1, zeta=1.1, init=0.0)
    return {"conv1": rules.HardConcrete(c["lambda"], **gates), "conv2": rules.HardConcrete(1e-5, **gates),
            "fc1": rules.HardConcrete(2e-6, **gates), "fc2": rules.HardConcrete(c["lambda"], **gates)}


def _lenet5_magnitude(c):
    return {ALL: rules.Magnitude(0.97, "cubic", first_epoch=2, last_epoch=15, every=100)}


def _lenet5_magnitude_per_layer(c):
    def ramp(target):
        return rules.Magnitude(target, "cubic", first_epoch=2, last_epoch=15, every=100)
    return {"conv1": ramp(0.34), "conv2": ramp(0.88), "fc1": ramp(c["sparsity"]), "fc2": ramp(0.81)}


def _csv_houses(c):
    lam = c["lambda"]
    return {ALL: rules.Penalty(lambda w: lam * torch.log(1 + w.abs() / 0.5))}


def _npz_blobs(c):
    return {ALL: rules.Tikhonov(keep_of(logsum_eta(2.0), c["lambda"]), min_keep=1e-3)}  # the language default


REFERENCES = {
    "examples/paper/adaprox.spd": _paper_adaprox,
    "examples/paper/adatikhonov.spd": _paper_adatikhonov,
    "examples/paper/eta_trick.spd": _eta_trick,
    "examples/paper/logsum.spd": _logsum_penalty,
    "examples/paper/vardrop.spd": _vardrop("none"),
    "examples/paper/vardrop_lr.spd": _vardrop("local"),
    "examples/paper/vardrop_lr_ar.spd": _vardrop("additive"),
    "examples/adadrop_logsum.spd": _adadrop,
    "examples/adaprox_logsum.spd": _paper_adaprox,
    "examples/adaprox_plain.spd": _adaprox_plain,
    "examples/adatikhonov_logsum.spd": _paper_adatikhonov,
    "examples/eta_trick_logsum.spd": _eta_trick,
    "examples/fixed_dropout.spd": _fixed_dropout,
    "examples/gaussian_logsum.spd": _gaussian,
    "examples/hard_concrete.spd": _hard_concrete,
    "examples/linear_adadrop.spd": _linear_adadrop,
    "examples/linear_lasso.spd": _linear_lasso,
    "examples/logsum_penalty.spd": _logsum_penalty,
    "examples/magnitude.spd": _magnitude,
    "examples/per_layer.spd": _per_layer,
    "examples/plain_lenet.spd": lambda c: {},
    "examples/scad_penalty.spd": _scad_penalty,
    "examples/vardrop_local.spd": _vardrop("local"),
    "examples/csv_houses.spd": _csv_houses,
    "examples/fashion_mnist.spd": _paper_adatikhonov,
    "examples/npz_blobs.spd": _npz_blobs,
    "examples/lenet5/adadrop.spd": _adadrop,
    "examples/lenet5/adatikhonov.spd": _paper_adatikhonov,
    "examples/lenet5/hard_concrete.spd": _lenet5_hard_concrete,
    "examples/lenet5/logsum_penalty.spd": _logsum_penalty,
    "examples/lenet5/magnitude.spd": _lenet5_magnitude,
    "examples/lenet5/magnitude_per_layer.spd": _lenet5_magnitude_per_layer,
    "examples/lenet5/plain.spd": lambda c: {},
    "examples/lenet5/vardrop_local.spd": _vardrop("local"),
}


def normalise(path):
    """The key of a .spd path as given on spd's command line: from its "examples/" part on."""
    path = str(path).replace("\\", "/")
    index = path.rfind("examples/")
    return path[index:] if index >= 0 else path


def rules_for(description):
    """{layer name: rule} for a recorded experiment, or None when its file has no reference."""
    factory = REFERENCES.get(normalise(description["file"]))
    if factory is None:
        return None
    declared = factory(description["constants"])
    if ALL in declared:
        rule = declared.pop(ALL)
        for layer in (spec for spec in description["network"]["layers"] if "name" in spec):
            # One rule object per layer: rules keep per-layer tensors.
            declared[layer["name"]] = copy.copy(rule)
    return declared

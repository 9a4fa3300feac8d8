"""Equivalence check: replays training steps that spd recorded (`spd bench --record DIR`) with the PyTorch
reference and compares, step by step, the data loss, every parameter's gradient, the parameters after the
update (relative to the update's size), the rules' state (e.g. the keep probability masks were drawn with)
and their penalty. Each step starts from spd's recorded
parameters and replays spd's recorded random draws; Adam's moments are the reference's own.

Usage: python check.py [--self-test] RECORDING_DIR...   (each holds description.json and steps.npz; a
directory of such directories is searched). Prints a Markdown table; exits 1 when a recording differs or has
no reference. --self-test also checks that the comparison can fail: references changed on purpose (a wrong
constant, a wrong setting) must be reported as different.
"""

import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

from spdref import examples, rules
from spdref.examples import normalise, rules_for
from spdref.model import Network, StepContext, optimizer_for

# float32 on both sides, with different matrix-product libraries (OpenBLAS, MKL) and summation orders.
TOLERANCE = {"loss": 1e-6, "gradient": 1e-5, "update": 1e-3, "state": 1e-5, "penalty": 5e-5}


def spd_to_torch(name, array):
    """spd stores a weight-shaped array as inputs x outputs and a bias as 1 x outputs."""
    tensor = torch.from_numpy(np.ascontiguousarray(array))
    if name.endswith(".b"):
        return tensor.reshape(-1)
    return tensor.T.contiguous() if tensor.dim() == 2 else tensor


def load(directory):
    description = json.loads((directory / "description.json").read_text())
    with np.load(directory / "steps.npz") as npz:
        arrays = {key: npz[key] for key in npz.files}
    return description, arrays


# A clip or threshold that float rounding decides the other way (e.g. a hard-concrete gate exactly at 1) makes a
# few gradient entries differ outright: up to this fraction of entries may, if the rest agree.
BOUNDARY_FRACTION = 1e-4


def gradient_error(actual, expected):
    """Relative L2 error, leaving out up to BOUNDARY_FRACTION of entries off by more than 1e-3 of the largest."""
    difference = (actual - expected).abs()
    outliers = difference > 1e-3 * expected.abs().max()
    if 0 < int(outliers.sum()) <= BOUNDARY_FRACTION * expected.numel():
        keep = ~outliers
        return relative_error(actual[keep], expected[keep])
    return relative_error(actual, expected)


def relative_error(actual, expected, reference_scale=None):
    difference = torch.linalg.vector_norm((actual - expected).double())
    scale = torch.linalg.vector_norm(expected.double()) if reference_scale is None else reference_scale
    return float(difference / scale) if scale > 0 else float(difference)


def replay(description, arrays):
    """Returns {measure: worst relative error over steps and parameters, with where}."""
    rules = rules_for(description)
    torch.manual_seed(0)
    network = Network(description, rules)
    parameters = network.spd_parameters()
    with torch.no_grad():
        for name, tensor in parameters.items():
            tensor.copy_(spd_to_torch(name, arrays[f"init/param/{name}"]))
        for layer in network.weighted:
            for name, tensor in layer.rule.state().items():
                tensor.copy_(spd_to_torch(name, arrays[f"init/state/{layer.name}.{name}"]))
    optimizer = optimizer_for(description, list(parameters.values()))
    load_optimizer_state(optimizer, parameters, arrays)
    batch = description["training"]["batch"]
    steps_per_epoch = -(-description["training_set_size"] // batch)
    worst = {key: (0.0, "") for key in TOLERANCE}

    def note(measure, error, where):
        already_nan = worst[measure][0] != worst[measure][0]
        if not already_nan and (error != error or error > worst[measure][0]):
            worst[measure] = (error, where)

    for k in range(description["recorded_steps"]):
        prefix = f"step{k}/"
        draws = {key[len(prefix + "draw/"):]: torch.from_numpy(value) for key, value in arrays.items()
                 if key.startswith(prefix + "draw/")}
        ctx = StepContext(description["training_set_size"], steps_per_epoch, optimizer, draws)
        ctx.global_step = description["skipped_steps"] + k
        ctx.lr = float(arrays[prefix + "lr"])
        for group in optimizer.param_groups:
            group["lr"] = ctx.lr
        x = torch.from_numpy(arrays[prefix + "x"])
        y = torch.from_numpy(arrays[prefix + "y"])
        before = {name: tensor.detach().clone() for name, tensor in parameters.items()}
        network.prepare(ctx)
        optimizer.zero_grad()
        data_loss, total = network.step_loss(x, y, ctx)
        total.backward()
        data_loss = data_loss.item()
        note("loss", abs(data_loss - float(arrays[prefix + "data_loss"])) / max(1.0, abs(data_loss)), f"step {k}")
        for name, tensor in parameters.items():
            expected = spd_to_torch(name, arrays[prefix + "grad/" + name])
            note("gradient", gradient_error(tensor.grad, expected), f"step {k} {name}")
        optimizer.step()
        network.after_update(ctx)
        for name, tensor in parameters.items():
            expected = spd_to_torch(name, arrays[prefix + "param/" + name])
            update = torch.linalg.vector_norm((tensor.detach() - before[name]).double())
            note("update", relative_error(tensor.detach(), expected, update), f"step {k} {name}")
        for layer in network.weighted:
            for name, tensor in layer.rule.checked_state().items():
                expected = spd_to_torch(name, arrays[f"{prefix}state/{layer.name}.{name}"])
                note("state", relative_error(tensor, expected), f"step {k} {layer.name}.{name}")
        penalty = network.reported_penalty(ctx)
        expected_penalty = float(arrays[prefix + "penalty"])
        note("penalty", abs(penalty - expected_penalty) / max(abs(expected_penalty), 1e-12), f"step {k}")
        # The next step starts from spd's parameters: each step is compared on its own, so that float noise in
        # near-zero gradients (which Adam's first steps scale up to ~lr) does not compound over the steps.
        with torch.no_grad():
            for name, tensor in parameters.items():
                tensor.copy_(spd_to_torch(name, arrays[prefix + "param/" + name]))
    return worst


def load_optimizer_state(optimizer, parameters, arrays):
    """Adam's moments and step count as spd's optimizer had them before the first recorded step."""
    steps = int(arrays["init/optimizer_steps"])
    if steps == 0 or not isinstance(optimizer, torch.optim.Adam):
        return
    for name, tensor in parameters.items():
        optimizer.state[tensor] = {
            "step": torch.tensor(float(steps)),
            "exp_avg": spd_to_torch(name, arrays[f"init/optimizer/adam.m.{name}"]),
            "exp_avg_sq": spd_to_torch(name, arrays[f"init/optimizer/adam.v.{name}"]),
        }


def recordings(paths):
    for path in map(Path, paths):
        if (path / "description.json").exists():
            yield path
        else:
            yield from sorted(p.parent for p in path.rglob("description.json"))


# References changed on purpose: the comparison must report each as different.
MUTANTS = {
    "examples/paper/adatikhonov.spd": lambda c: {examples.ALL: rules.Tikhonov(
        examples.keep_of(examples.logsum_eta(c["eps"]), c["lambda"]), min_keep=1e-2)},
    "examples/paper/eta_trick.spd": lambda c: {examples.ALL: rules.EtaTrick(
        c["lambda"], examples.logsum_dual(c["eps"]), init=5.0, decay=2e-3)},
    "examples/adadrop_logsum.spd": lambda c: {examples.ALL: rules.Bernoulli(
        examples.keep_of(examples.logsum_eta(c["eps"]), 1.1 * c["lambda"]), every=1)},
}


def self_test(directories):
    """Returns the mutants the comparison failed to tell apart from spd (none when it works)."""
    missed = []
    recorded = {normalise(load(d)[0]["file"]): d for d in directories}
    for file, mutant in MUTANTS.items():
        if file not in recorded:
            continue
        original = examples.REFERENCES[file]
        examples.REFERENCES[file] = mutant
        try:
            worst = replay(*load(recorded[file]))
        finally:
            examples.REFERENCES[file] = original
        if all(error <= TOLERANCE[key] for key, (error, _) in worst.items()):
            missed.append(file)
    return missed


def main(paths):
    run_self_test = "--self-test" in paths
    paths = [p for p in paths if p != "--self-test"]
    torch.set_num_threads(1)
    failures = 0
    print("| file | steps | loss | gradients | update | rule state | penalty | verdict |")
    print("|---|---|---|---|---|---|---|---|")
    started = time.time()
    for directory in recordings(paths):
        description, arrays = load(directory)
        label = normalise(description["file"])
        if rules_for(description) is None:
            print(f"| {label} | | | | | | | no PyTorch reference in spdref/examples.py |")
            failures += 1
            continue
        worst = replay(description, arrays)
        bad = [key for key, (error, _) in worst.items() if not error <= TOLERANCE[key]]
        cells = " | ".join(f"{worst[key][0]:.1e}" for key in TOLERANCE)
        verdict = "same" if not bad else "DIFFERENT: " + "; ".join(f"{key} at {worst[key][1]}" for key in bad)
        print(f"| {label} | {description['recorded_steps']} | {cells} | {verdict} |", flush=True)
        failures += bool(bad)
    print()
    if run_self_test:
        missed = self_test(list(recordings(paths)))
        print("Self-test: " + ("every changed reference was reported different." if not missed
                               else "NOT DETECTED: changed references of " + ", ".join(missed)))
        failures += len(missed)
    print("Worst relative error over the recorded steps and parameters; tolerances: "
          + ", ".join(f"{key} {value:g}" for key, value in TOLERANCE.items())
          + f". {time.time() - started:.1f} s.")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))

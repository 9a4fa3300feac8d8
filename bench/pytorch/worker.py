"""A timing worker for bench_vs_pytorch.py: holds PyTorch references of recorded spd experiments and times
blocks of their training steps on request, so that spd and PyTorch can be interleaved block by block.

Protocol: one JSON object per line on stdin, one JSON answer per line on stdout.
  {"op": "prepare", "recording": DIR, "mode": "eager"|"compiled"} -> {"key": K, "seconds": warm-up seconds}
  {"op": "time", "key": K, "steps": N}                          -> {"steps": N, "wall": s, "cpu": s}
  {"op": "gemm", "key": K}                                      -> {"flops_per_pass": F, "seconds_per_pass": s}
  {"op": "quit"}
Threads: --threads N (torch.set_num_threads), fixed for the process.
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

from spdref.examples import rules_for
from spdref.model import Network, StepContext, optimizer_for


class Reference:
    """The PyTorch training step of one recorded experiment, eager or compiled with torch.compile."""

    def __init__(self, recording, mode):
        description = json.loads((Path(recording) / "description.json").read_text())
        rules = rules_for(description)
        if rules is None:
            raise ValueError(f"no PyTorch reference for {description['file']}")
        self.network = Network(description, rules)
        parameters = list(self.network.parameters())
        fused = description["training"]["optimizer"]["kind"] == "adam"
        self.optimizer = optimizer_for(description, parameters, fused=fused or None)
        batch = description["training"]["batch"]
        steps_per_epoch = -(-description["training_set_size"] // batch)
        self.ctx = StepContext(description["training_set_size"], steps_per_epoch, self.optimizer)
        self.ctx.lr = self.optimizer.param_groups[0]["lr"]
        with np.load(Path(recording) / "steps.npz") as npz:
            self.batches = [(torch.from_numpy(npz[f"step{k}/x"]), torch.from_numpy(npz[f"step{k}/y"]))
                            for k in range(description["recorded_steps"])]
        self.description = description
        self.loss = self._loss
        self.update = self._update
        self.after_update = self.network.after_update
        if mode == "compiled":
            self.loss = torch.compile(self._loss)
            self.update = torch.compile(self._update)
            self.after_update = torch.compile(self.network.after_update)

    def _loss(self, x, y):
        return self.network.step_loss(x, y, self.ctx)[1]

    def _update(self):
        self.optimizer.step()

    def step(self):
        x, y = self.batches[self.ctx.global_step % len(self.batches)]
        self.network.prepare(self.ctx)
        self.optimizer.zero_grad(set_to_none=False)
        self.loss(x, y).backward()
        self.update()
        self.after_update(self.ctx)
        self.ctx.global_step += 1

    def time(self, steps):
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(steps):
            self.step()
        return {"steps": steps, "wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}

    def gemm(self, passes=100, blocks=5):
        """torch.mm (MKL) at the shapes of the plain step's products, as spd's GemmRoofline measures them."""
        batch = self.description["training"]["batch"]
        operands = []
        for k, (rows, n_in, n_out) in enumerate(product_shapes(self.description["network"]["layers"], batch)):
            operands.append((torch.randn(rows, n_in), torch.randn(n_in, n_out)))
            operands.append((torch.randn(rows, n_in).T, torch.randn(rows, n_out)))
            if k > 0:
                operands.append((torch.randn(rows, n_out), torch.randn(n_in, n_out).T))
        flops = sum(2 * a.shape[0] * a.shape[1] * b.shape[1] for a, b in operands)
        passes = int(max(10, min(100_000, 1e10 / flops)))
        best = float("inf")
        for block in range(blocks + 1):
            start = time.perf_counter()
            for _ in range(passes):
                for a, b in operands:
                    torch.mm(a, b)
            seconds = (time.perf_counter() - start) / passes
            if block > 0:
                best = min(best, seconds)
        return {"flops_per_pass": flops, "seconds_per_pass": best}


def product_shapes(layers, batch):
    """(rows, inputs, outputs) of each weighted layer's products, as spd's GemmRoofline counts them: a dense
    layer's rows are the batch; a conv layer's are its im2col matrix, one row per example and output pixel, one
    column per channel and kernel position."""
    shapes = []
    for layer in layers:
        if layer["kind"] == "dense":
            shapes.append((batch, layer["inputs"], layer["outputs"]))
        elif layer["kind"] == "conv":
            channels = layer["input"][0]
            size = layer["kernel"]["size"]
            _, height, width = layer["output_shape"]
            shapes.append((batch * height * width, channels * size * size, layer["filters"]))
    return shapes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, required=True)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    references = {}
    for line in sys.stdin:
        request = json.loads(line)
        op = request["op"]
        try:
            if op == "quit":
                break
            if op == "prepare":
                started = time.perf_counter()
                reference = Reference(request["recording"], request["mode"])
                reference.time(20)  # warm-up (and compilation)
                key = str(len(references))
                references[key] = reference
                answer = {"key": key, "seconds": time.perf_counter() - started}
            elif op == "time":
                answer = references[request["key"]].time(request["steps"])
            elif op == "gemm":
                answer = references[request["key"]].gemm()
            else:
                answer = {"error": f"unknown op {op}"}
        except Exception as e:  # the driver reports it and goes on without this setting
            answer = {"error": f"{type(e).__name__}: {e}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()

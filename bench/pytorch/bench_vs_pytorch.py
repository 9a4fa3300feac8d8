"""spd against PyTorch, interleaved in one invocation (scripts/bench-vs-pytorch runs this in the venv).

1. Waits until the machine is quiet (1-minute load average below --max-load, or --wait-minutes passed).
2. Records each file's first training steps with spd (`spd bench --record`) and checks that the PyTorch
   reference reproduces them (check.py): the equivalence column.
3. Starts, per thread count, one spd worker (`spd bench --serve`, OMP_NUM_THREADS=N) and one PyTorch worker
   (worker.py, torch.set_num_threads(N)) holding every file eager and compiled, then times blocks of steps
   round by round, rotating the settings within each file, so every setting sees the same machine.
4. Measures sgemm at each network's step shapes in both workers, and writes a Markdown report: best
   steps/s per setting, spd over the best PyTorch setting, spd's fraction of its measured sgemm rate, and
   the two-thread speed-up.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch

import check

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


class Worker:
    """A child process answering one JSON request per line."""

    def __init__(self, name, command, env):
        self.name = name
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        env=env, cwd=ROOT)

    def ask(self, **request):
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"worker {self.name} ended (exit {self.process.wait()})")
        return json.loads(line)

    def close(self):
        try:
            self.process.stdin.write('{"op": "quit"}\n')
            self.process.stdin.close()
        except OSError:
            pass
        self.process.wait(timeout=60)


def wait_for_quiet(max_load, minutes):
    deadline = time.time() + 60 * minutes
    load = os.getloadavg()[0]
    while load > max_load and time.time() < deadline:
        print(f"waiting for a quiet machine: load average {load:.2f} > {max_load}", file=sys.stderr, flush=True)
        time.sleep(30)
        load = os.getloadavg()[0]
    return load


def native_env(threads):
    env = dict(os.environ)
    env["OMP_NUM_THREADS"] = str(threads)
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    env.setdefault("MALLOC_MMAP_THRESHOLD_", "33554432")
    env.setdefault("MALLOC_TRIM_THRESHOLD_", "1073741824")
    return env


def record(spd, files, directory):
    subprocess.run([spd, "bench", "--record", str(directory), "--record-steps", "3", *files], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return {check.normalise(json.loads((d / "description.json").read_text())["file"]): d
            for d in check.recordings([directory])}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", help=".spd files (each must have a reference in spdref/examples.py)")
    parser.add_argument("--spd", default=str(ROOT / "spd"))
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--max-load", type=float, default=0.5)
    parser.add_argument("--wait-minutes", type=float, default=30)
    parser.add_argument("--modes", default="eager,compiled")
    parser.add_argument("--out", default="bench-vs-pytorch.md")
    args = parser.parse_args()
    threads = [int(t) for t in args.threads.split(",")]
    modes = args.modes.split(",")

    load_before = wait_for_quiet(args.max_load, args.wait_minutes)
    started = time.time()
    scratch = Path(tempfile.mkdtemp(prefix="spd-bench-"))
    recordings = record(args.spd, args.files, scratch)
    equivalence = {}
    for file, directory in recordings.items():
        description, arrays = check.load(directory)
        if check.rules_for(description) is None:
            equivalence[file] = "no reference"
            continue
        worst = check.replay(description, arrays)
        bad = [key for key, (error, _) in worst.items() if not error <= check.TOLERANCE[key]]
        equivalence[file] = "same" if not bad else "DIFFERENT (" + ", ".join(bad) + ")"

    settings = [("spd", None)] + [("torch", mode) for mode in modes]
    workers, keys, info = {}, {}, {}
    try:
        for t in threads:
            workers[("spd", t)] = Worker(f"spd-{t}", [args.spd, "bench", "--serve"], native_env(t))
            workers[("torch", t)] = Worker(f"torch-{t}", [sys.executable, str(HERE / "worker.py"), "--threads", str(t)],
                                           native_env(t))
        for file, directory in recordings.items():
            for t in threads:
                answer = workers[("spd", t)].ask(op="prepare", file=file)
                keys[(file, "spd", None, t)] = answer.get("key")
                info[file] = answer
                if equivalence[file] == "no reference":
                    continue
                for mode in modes:
                    answer = workers[("torch", t)].ask(op="prepare", recording=str(directory), mode=mode)
                    if "error" in answer:
                        print(f"{file} {mode} {t}: {answer['error']}", file=sys.stderr)
                    keys[(file, "torch", mode, t)] = answer.get("key")
        gemm = {}
        for file in recordings:
            for t in threads:
                for side in ("spd", "torch"):
                    key = keys.get((file, side, None if side == "spd" else modes[0], t))
                    if key is not None:
                        answer = workers[(side, t)].ask(op="gemm", key=key)
                        if "error" in answer:  # the table says "n/a" rather than losing every other row
                            print(f"{file} gemm {side} {t}: {answer['error']}", file=sys.stderr)
                            continue
                        gemm[(file, side, t)] = answer["flops_per_pass"] / answer["seconds_per_pass"]
        rates = {}
        for r in range(args.rounds):
            for file in recordings:
                order = [(s, m, t) for t in threads for s, m in settings]
                order = order[r % len(order):] + order[:r % len(order)]
                for side, mode, t in order:
                    key = keys.get((file, side, mode, t))
                    if key is None:
                        continue
                    answer = workers[(side, t)].ask(op="time", key=key, steps=args.steps)
                    if "error" in answer:
                        print(f"{file} {side} {mode} {t}: {answer['error']}", file=sys.stderr)
                        continue
                    rates.setdefault((file, side, mode, t), []).append(answer["steps"] / answer["wall"])
            print(f"round {r + 1}/{args.rounds} done", file=sys.stderr, flush=True)
    finally:
        for worker in workers.values():
            worker.close()
    report = render(args, recordings, threads, modes, info, rates, gemm, equivalence, load_before,
                    os.getloadavg()[0], time.time() - started)
    Path(args.out).write_text(report)
    print(report)


def best(rates, key):
    values = rates.get(key)
    return max(values) if values else None


def render(args, recordings, threads, modes, info, rates, gemm, equivalence, load_before, load_after, seconds):
    lines = ["# spd against PyTorch", ""]
    lines.append(f"`scripts/bench-vs-pytorch {' '.join(args.files)}`: {args.rounds} rounds of {args.steps}-step blocks "
                 f"per setting, interleaved; best block. {platform.processor() or platform.machine()}, "
                 f"{os.cpu_count()} cores; load average {load_before:.2f} before, {load_after:.2f} after; "
                 f"PyTorch {torch.__version__}; {seconds / 60:.1f} minutes.")
    lines.append("")
    for t in threads:
        lines.append(f"## {t} thread{'s' if t > 1 else ''}")
        lines.append("")
        header = "| file | rule | spd steps/s | " + " | ".join(f"PyTorch {m}" for m in modes)
        header += " | spd / best PyTorch | spd of sgemm | equivalence |"
        lines.append(header)
        lines.append("|" + "---|" * (6 + len(modes)))
        for file in recordings:
            spd = best(rates, (file, "spd", None, t))
            torch_rates = [best(rates, (file, "torch", m, t)) for m in modes]
            known = [r for r in torch_rates if r is not None]
            ratio = f"{spd / max(known):.2f}" if spd and known else ""
            flops = info[file].get("flops", 0)
            sgemm = gemm.get((file, "spd", t))
            fraction = f"{100 * spd * flops / sgemm:.0f}%" if spd and sgemm else ""
            cells = " | ".join(f"{r:.0f}" if r else "" for r in torch_rates)
            lines.append(f"| {file} | {info[file].get('rule', '')} | {spd:.0f} | {cells} | {ratio} | {fraction} | "
                         f"{equivalence.get(file, '')} |" if spd else f"| {file} | | | {cells} | | | |")
        lines.append("")
    if len(threads) > 1:
        lines.append(f"## Speed-up of {threads[-1]} threads over {threads[0]}")
        lines.append("")
        lines.append("| file | spd | " + " | ".join(f"PyTorch {m}" for m in modes) + " |")
        lines.append("|" + "---|" * (2 + len(modes)))
        for file in recordings:
            cells = []
            for side, mode in [("spd", None)] + [("torch", m) for m in modes]:
                low, high = best(rates, (file, side, mode, threads[0])), best(rates, (file, side, mode, threads[-1]))
                cells.append(f"{high / low:.2f}" if low and high else "")
            lines.append(f"| {file} | " + " | ".join(cells) + " |")
        lines.append("")
    lines.append("## Measured sgemm at the step's shapes (GFLOP/s)")
    lines.append("")
    lines.append("| network of | " + " | ".join(f"ND4J/OpenBLAS {t}t | PyTorch/MKL {t}t" for t in threads) + " |")
    lines.append("|" + "---|" * (1 + 2 * len(threads)))
    seen = set()
    for file in recordings:
        flops = info[file].get("flops")
        if flops in seen:
            continue
        seen.add(flops)
        cells = []
        for t in threads:
            for side in ("spd", "torch"):
                rate = gemm.get((file, side, t))
                cells.append(f"{rate / 1e9:.1f}" if rate else "")
        lines.append(f"| {file} ({flops / 1e6:.1f} MFLOP per step) | " + " | ".join(cells) + " |")
    lines.append("")
    spread = []
    for key, values in rates.items():
        if len(values) > 1:
            spread.append(statistics.pstdev(values) / statistics.mean(values))
    if spread:
        lines.append(f"Block-to-block spread (coefficient of variation), median over settings: "
                     f"{100 * statistics.median(spread):.1f}%.")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()

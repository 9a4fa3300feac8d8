"""PyTorch reference of spd's LeNet-5-Caffe training steps at batch 128 (examples/lenet5/*.spd).

Times one training step (forward, backward, Adam) of LeNet-5-Caffe (conv 20@5x5 relu, maxpool 2, conv 50@5x5
relu, maxpool 2, dense 500 relu, dense 10) on random MNIST-shaped batches, eager and with torch.compile, for
the rules spd benchmarks: plain, AdaTikhonov and AdaDrop (log-sum keep eta/(eta + lambda), eta = |w|(|w| + 2),
lambda 1e-3, per weight of every kernel and matrix, as theory.md section 4.2 describes the reference code) and
sparse variational dropout with the local reparameterization trick on conv and dense outputs (Molchanov et al.
2017, the KL approximation of theory.md table row 9, N = 48,000).

Usage: python lenet5_step.py --rule plain --threads 1 [--compile] [--steps 50]; prints one JSON line
{"rule", "threads", "mode", "steps_per_second"}.
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F

LAMBDA = 1e-3
EPS = 2.0
TRAIN_SIZE = 48_000
K1, K2, K3 = 0.63576, 1.87320, 1.48695


def keep_of(w):
    eta = w.abs() * (w.abs() + EPS)
    return eta / (eta + LAMBDA)


class LeNet5(torch.nn.Module):
    """LeNet-5-Caffe whose weight product goes through a rule: plain, adatikhonov, adadrop or vardrop."""

    def __init__(self, rule):
        super().__init__()
        self.rule = rule
        self.conv1 = torch.nn.Conv2d(1, 20, 5)
        self.conv2 = torch.nn.Conv2d(20, 50, 5)
        self.fc1 = torch.nn.Linear(800, 500)
        self.fc2 = torch.nn.Linear(500, 10)
        self.layers = [self.conv1, self.conv2, self.fc1, self.fc2]
        if rule == "vardrop":
            self.log_alpha = torch.nn.ParameterList(
                [torch.nn.Parameter(torch.full_like(layer.weight, -5.0)) for layer in self.layers])

    def product(self, k, x):
        layer = self.layers[k]
        op = F.conv2d if k < 2 else F.linear
        w = layer.weight
        if self.rule == "adadrop":
            keep = keep_of(w).detach()
            w = w * (torch.rand_like(w) < keep) / keep
        if self.rule == "vardrop":
            log_alpha = self.log_alpha[k].clamp(-10, 10)
            mean = op(x, w, layer.bias)
            var = op(x * x, torch.exp(log_alpha) * w * w)
            return mean + torch.sqrt(var + 1e-8) * torch.randn_like(mean)
        return op(x, w, layer.bias)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.product(0, x)), 2)
        x = F.max_pool2d(F.relu(self.product(1, x)), 2)
        x = F.relu(self.product(2, x.flatten(1)))
        return self.product(3, x)

    def penalty(self):
        if self.rule == "adatikhonov":
            total = 0.0
            for layer in self.layers:
                keep = keep_of(layer.weight).detach().clamp(min=1e-3)
                total = total + 0.5 * ((1 - keep) / keep * layer.weight ** 2).sum()
            return total
        if self.rule == "vardrop":
            kl = 0.0
            for log_alpha in self.log_alpha:
                la = log_alpha.clamp(-10, 10)
                kl = kl - (K1 * torch.sigmoid(K2 + K3 * la) - 0.5 * F.softplus(-la) - K1).sum()
            return kl / TRAIN_SIZE
        return 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rule", choices=["plain", "adatikhonov", "adadrop", "vardrop"], required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--compile", action="store_true")
    parser.add_argument("--steps", type=int, default=50)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = LeNet5(args.rule)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(128, 1, 28, 28)
    y = torch.randint(0, 10, (128,))

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y) + model.penalty()
        loss.backward()
        optimizer.step()

    if args.compile:
        step = torch.compile(step)
    for _ in range(5):
        step()
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    rate = args.steps / (time.perf_counter() - start)
    print(json.dumps({"rule": args.rule, "threads": args.threads,
                      "mode": "compile" if args.compile else "eager", "steps_per_second": round(rate, 2)}))


if __name__ == "__main__":
    main()

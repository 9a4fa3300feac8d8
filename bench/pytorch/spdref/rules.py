"""The masking rules and penalties of spd, written in PyTorch from docs/runtime.md and theory.md.

Each rule acts on one layer's weight W (PyTorch layout: outputs x inputs) through hooks called in the order of
spd's training step: ``before_step`` (refresh a keep probability, draw this step's random numbers),
``forward``, ``penalty`` (a differentiable term added to the batch-mean data loss), the optimizer update, then
``after_update``. When the step context carries recorded draws (``ctx.draws``), a rule replays them instead of
sampling, so that one recorded spd step can be reproduced exactly.
"""

import math

import torch
import torch.nn.functional as F


class Rule:
    """A rule that changes nothing: plain training."""

    def parameters(self):
        """Extra trainable tensors by name (they get the layer's Adam and gradients)."""
        return {}

    def state(self):
        """Non-trainable tensors by name, as spd checkpoints them (for loading a recorded state)."""
        return {}

    def checked_state(self):
        """The state the equivalence check compares with spd's after every step."""
        return self.state()

    def attach(self, layer):
        """Creates the per-layer tensors once the layer exists."""

    def prepare(self, layer, ctx):
        """Decisions that depend on the step number, taken outside any compiled code."""

    def before_step(self, layer, ctx):
        pass

    def training_weight(self, layer):
        return layer.weight

    def forward(self, layer, x):
        return layer.product(x, self.training_weight(layer), layer.bias)

    def penalty(self, layer, ctx):
        """The differentiable term this rule adds to the loss of the step (0 for none)."""
        return None

    def reported_penalty(self, layer, ctx):
        """The penalty spd reports for the current weights (without a gradient)."""
        with torch.no_grad():
            value = self.penalty(layer, ctx)
        return 0.0 if value is None else float(value)

    @torch.no_grad()
    def after_update(self, layer, ctx):
        pass


class Penalty(Rule):
    """A classical penalty: loss + sum P(W), with P including its weight (e.g. lambda log(1 + |w|/eps))."""

    def __init__(self, value):
        self.value = value

    def penalty(self, layer, ctx):
        return self.value(layer.weight).sum()


class Refreshing(Rule):
    """A mask parameter recomputed from W every ``every`` steps (0: only at the first step)."""

    name = "keep"

    def __init__(self, every):
        self.every = every

    def attach(self, layer):
        self.parameter = torch.zeros_like(layer.weight)

    def state(self):
        return {self.name: self.parameter}

    def refresh_due(self, ctx):
        return ctx.global_step == 0 if self.every == 0 else ctx.global_step % self.every == 0

    def compute(self, weight):
        raise NotImplementedError

    def prepare(self, layer, ctx):
        self.refresh_now = self.refresh_due(ctx)

    def before_step(self, layer, ctx):
        if self.refresh_now:
            with torch.no_grad():
                self.parameter.copy_(self.compute(layer.weight))
        self.mask = ctx.replay(layer, "mask") if ctx.draws is not None else self.sample(ctx)

    def training_weight(self, layer):
        return layer.weight * self.mask


class Bernoulli(Refreshing):
    """Scaled-Bernoulli DropConnect: m = Bernoulli(keep)/keep per weight (theory.md 1.1)."""

    name = "keep"

    def __init__(self, keep, every=1):
        super().__init__(every)
        self.keep = keep

    def compute(self, weight):
        return self.keep(weight)

    def sample(self, ctx):
        keep = self.parameter
        kept = torch.rand(keep.shape) < keep
        return torch.where(kept, 1 / keep, torch.zeros_like(keep))  # never 0/0 where keep = 0


class Gaussian(Refreshing):
    """Gaussian multiplicative mask m = 1 + sqrt(v) xi, xi ~ N(0, 1) per weight; spd keeps sqrt(v) as "std"."""

    name = "std"

    def __init__(self, variance, every=1):
        super().__init__(every)
        self.variance = variance

    def compute(self, weight):
        return torch.sqrt(self.variance(weight))

    def sample(self, ctx):
        return 1 + self.parameter * torch.randn(self.parameter.shape)


class Tikhonov(Rule):
    """Adaptive Tikhonov: (1/2) sum ((1 - a)/a) W^2 with a = max(keep(W), min_keep) held constant."""

    def __init__(self, keep, min_keep):
        self.keep = keep
        self.min_keep = min_keep

    def penalty(self, layer, ctx):
        with torch.no_grad():
            alpha = torch.clamp(self.keep(layer.weight), min=self.min_keep)
            coefficient = (1 - alpha) / alpha
        return 0.5 * (coefficient * layer.weight * layer.weight).sum()


class Prox(Rule):
    """Adaptive prox: after the optimizer step W <- keep(W, step) W (theory.md 4.2, AdaProx).

    The step is lr for "sgd" scaling and Adam's lr/(sqrt(v_hat) + eps) for "adam" scaling: docs/runtime.md
    keeps Adam's eps where the reference code divides by sqrt(v_hat) alone (theory.md 7.10).
    """

    def __init__(self, keep, scale):
        self.keep = keep
        self.scale = scale

    def attach(self, layer):
        self.step_size = torch.zeros_like(layer.weight)

    def state(self):
        return {"step_size": self.step_size}

    def checked_state(self):
        # Adam's step lr/(sqrt(v_hat) + eps) reaches lr/eps where a gradient is ~0, and is float noise there;
        # the shrinking it causes is compared through the parameters after the update instead.
        return {}

    @torch.no_grad()
    def after_update(self, layer, ctx):
        if self.scale == "adam":
            self.step_size.copy_(ctx.adam_step_size(layer.weight))
        else:
            self.step_size.fill_(ctx.lr)
        layer.weight.mul_(self.keep(layer.weight, self.step_size))


class EtaTrick(Rule):
    """The eta-trick: eta = lambda exp(theta) learned with W; loss + (lambda/2) sum(W^2/eta + f(eta) + decay theta)."""

    def __init__(self, lam, dual, init, decay):
        self.lam = lam
        self.dual = dual
        self.init = init
        self.decay = decay

    def attach(self, layer):
        self.theta = torch.nn.Parameter(torch.full_like(layer.weight, self.init))

    def parameters(self):
        return {"theta": self.theta}

    def penalty(self, layer, ctx):
        eta = self.lam * torch.exp(self.theta)
        w = layer.weight
        return self.lam / 2 * (w * w / eta + self.dual(eta) + self.decay * self.theta).sum()


K1, K2, K3 = 0.63576, 1.87320, 1.48695


def molchanov_kl(log_alpha):
    """KL(log alpha) = k1 - k1 sigmoid(k2 + k3 log alpha) + (1/2) log(1 + 1/alpha) (Molchanov et al. 2017)."""
    return K1 - K1 * torch.sigmoid(K2 + K3 * log_alpha) + 0.5 * F.softplus(-log_alpha)


class VariationalDropout(Rule):
    """Sparse variational dropout (theory.md 5.2): SGVLB = data loss + KL/N with N the training-split size.

    "additive": W and log sigma, log alpha = clamp(2 log sigma - 2 log(|W| + 1e-16), -10, 10), local
    reparameterization with sigma^2 = exp(2 log sigma); "local": W and log alpha, log sigma = clamp(log alpha/2
    + log(|W| + 1e-16), -10, 10), local reparameterization, KL of log alpha; "none": W and log alpha, weights
    W (1 + xi exp(log alpha/2)) with one xi per weight.
    """

    def __init__(self, reparameterization):
        self.reparameterization = reparameterization

    def attach(self, layer):
        name = "log_sigma" if self.reparameterization == "additive" else "log_alpha"
        self.name = name
        self.noise_parameter = torch.nn.Parameter(torch.full_like(layer.weight, -5.0))

    def parameters(self):
        return {self.name: self.noise_parameter}

    def log_alpha(self, layer):
        if self.reparameterization == "additive":
            log_magnitude = torch.log(layer.weight.abs() + 1e-16)
            return torch.clamp(2 * self.noise_parameter - 2 * log_magnitude, -10, 10)
        return self.noise_parameter

    def variance(self, layer):
        if self.reparameterization == "additive":
            return torch.exp(2 * self.noise_parameter)
        log_sigma = torch.clamp(self.noise_parameter / 2 + torch.log(layer.weight.abs() + 1e-16), -10, 10)
        return torch.exp(2 * log_sigma)

    def before_step(self, layer, ctx):
        if ctx.draws is not None:
            replay = ctx.replay_batch if self.reparameterization != "none" else ctx.replay
            self.xi = replay(layer, "noise")
        elif self.reparameterization == "none":
            self.xi = torch.randn(layer.weight.shape)
        else:
            self.xi = None  # drawn in forward, where the batch size is known

    def forward(self, layer, x):
        if self.reparameterization == "none":
            weight = layer.weight * (1 + self.xi * torch.exp(self.noise_parameter / 2))
            return layer.product(x, weight, layer.bias)
        mean = layer.product(x, layer.weight, layer.bias)
        std = torch.sqrt(layer.product(x * x, self.variance(layer)) + 1e-8)
        xi = self.xi if self.xi is not None else torch.randn(mean.shape)
        return mean + std * xi

    def penalty(self, layer, ctx):
        return molchanov_kl(self.log_alpha(layer)).sum() / ctx.training_set_size


class HardConcrete(Rule):
    """L0 hard-concrete gates (Louizos et al. 2018): W z with z = clip(s (zeta - gamma) + gamma, 0, 1),
    s = sigmoid((log u - log(1 - u) + log a)/beta), u ~ U(0, 1); loss + lambda sum sigmoid(log a - beta log(-gamma/zeta)).
    """

    def __init__(self, lam, beta, gamma, zeta, init):
        self.lam, self.beta, self.gamma, self.zeta, self.init = lam, beta, gamma, zeta, init

    def attach(self, layer):
        self.log_a = torch.nn.Parameter(torch.full_like(layer.weight, self.init))

    def parameters(self):
        return {"log_a": self.log_a}

    def before_step(self, layer, ctx):
        if ctx.draws is not None:
            u = ctx.replay(layer, "uniform")
        else:
            u = torch.rand(layer.weight.shape) * (1 - 2e-6) + 1e-6
        self.logit_u = torch.log(u) - torch.log(1 - u)

    def training_weight(self, layer):
        s = torch.sigmoid((self.logit_u + self.log_a) / self.beta)
        z = torch.clamp(s * (self.zeta - self.gamma) + self.gamma, 0, 1)
        return layer.weight * z

    def penalty(self, layer, ctx):
        shift = self.beta * math.log(-self.gamma / self.zeta)
        return self.lam * torch.sigmoid(self.log_a - shift).sum()


class Magnitude(Rule):
    """Magnitude pruning (Zhu and Gupta 2017): a 0/1 mask on the gradient and, after every update, on W; at the
    ramp's events the round(s_t n) weights of smallest |w| (weights already pruned first) are pruned.
    """

    def __init__(self, target, ramp, first_epoch, last_epoch, every):
        self.target, self.ramp = target, ramp
        self.first_epoch, self.last_epoch, self.every = first_epoch, last_epoch, every

    def attach(self, layer):
        self.mask = torch.ones_like(layer.weight)
        layer.weight.register_hook(lambda g: g * self.mask)

    def state(self):
        return {"mask": self.mask}

    def sparsity(self, progress):
        p = min(max(progress, 0.0), 1.0)
        return self.target * (1 - (1 - p) ** 3) if self.ramp == "cubic" else self.target * p

    @torch.no_grad()
    def after_update(self, layer, ctx):
        start = (self.first_epoch - 1) * ctx.steps_per_epoch
        end = self.last_epoch * ctx.steps_per_epoch - 1
        t = ctx.global_step
        if start <= t <= end and ((t - start) % self.every == 0 or t == end):
            progress = 1.0 if end == start else (t - start) / (end - start)
            self.prune(layer.weight, self.sparsity(progress))
        layer.weight.mul_(self.mask)

    def prune(self, weight, sparsity):
        count = round(sparsity * weight.numel())
        if count == 0:
            return
        # Already pruned weights rank below every magnitude, so the mask only grows.
        rank = torch.where(self.mask == 0, torch.full_like(weight, -1.0), weight.abs()).flatten()
        smallest = torch.topk(rank, count, largest=False, sorted=False).indices
        self.mask.view(-1)[smallest] = 0

"""A network as spd declares it (description.json), its rules attached, and spd's training step in PyTorch."""

import torch
import torch.nn.functional as F

from .rules import Rule


class Weighted(torch.nn.Module):
    """A layer with weights whose product with the input goes through its rule, then + b and the activation."""

    def __init__(self, spec, rule, weight_shape, fan_in):
        super().__init__()
        self.name = spec["name"]
        bound = 1.0 / fan_in ** 0.5  # PyTorch's default initialisation, as spd's
        self.weight = torch.nn.Parameter(torch.empty(weight_shape).uniform_(-bound, bound))
        self.bias = torch.nn.Parameter(torch.empty(weight_shape[0]).uniform_(-bound, bound)) if spec["bias"] else None
        self.relu = spec["activation"] == "relu"
        self.rule = rule or Rule()
        self.rule.attach(self)
        for name, tensor in self.rule.parameters().items():
            self.register_parameter(name, tensor)

    def forward(self, x):
        out = self.rule.forward(self, self.shape_input(x))
        return torch.relu(out) if self.relu else out

    def spd_parameters(self):
        """This layer's trainable tensors by spd's parameter name (e.g. fc1.W, fc1.b, fc1.theta)."""
        named = {f"{self.name}.W": self.weight}
        if self.bias is not None:
            named[f"{self.name}.b"] = self.bias
        for name, tensor in self.rule.parameters().items():
            named[f"{self.name}.{name}"] = tensor
        return named


class Dense(Weighted):
    """y = act(rule(x W^T) + b) with W of shape outputs x inputs (spd stores the transpose)."""

    def __init__(self, spec, rule):
        super().__init__(spec, rule, (spec["outputs"], spec["inputs"]), spec["inputs"])

    def shape_input(self, x):
        return x.flatten(1) if x.dim() > 2 else x  # the implicit flatten before the first dense layer

    def product(self, x, weight, bias=None):
        return F.linear(x, weight, bias)


class Conv(Weighted):
    """y = act(rule(conv2d(x, W)) + b) with W of shape filters x channels x k x k, as spd and PyTorch store it."""

    def __init__(self, spec, rule):
        channels, k = spec["input"][0], spec["kernel"]["size"]
        super().__init__(spec, rule, (spec["filters"], channels, k, k), channels * k * k)
        self.input_shape = spec["input"]
        self.stride, self.padding = spec["kernel"]["stride"], spec["kernel"]["padding"]

    def shape_input(self, x):
        return x.reshape([-1] + self.input_shape) if x.dim() == 2 else x

    def product(self, x, weight, bias=None):
        return F.conv2d(x, weight, bias, stride=self.stride, padding=self.padding)


class MaxPool(torch.nn.Module):
    def __init__(self, spec, rule):
        super().__init__()
        window = spec["window"]
        self.size, self.stride, self.padding = window["size"], window["stride"], window["padding"]

    def forward(self, x):
        return F.max_pool2d(x, self.size, self.stride, self.padding)


class Flatten(torch.nn.Module):
    def __init__(self, spec, rule):
        super().__init__()

    def forward(self, x):
        return x.flatten(1)


LAYER_KINDS = {"dense": Dense, "conv": Conv, "maxpool": MaxPool, "flatten": Flatten}


class Network(torch.nn.Module):
    """The layers in order and the declared loss."""

    def __init__(self, description, rules):
        super().__init__()
        network = description["network"]
        unknown = set(rules) - {layer["name"] for layer in network["layers"] if "name" in layer}
        if unknown:
            raise ValueError(f"rules for layers the network does not have: {sorted(unknown)}")
        self.layers = torch.nn.ModuleList(LAYER_KINDS[spec["kind"]](spec, rules.get(spec.get("name")))
                                          for spec in network["layers"])
        self.weighted = [layer for layer in self.layers if isinstance(layer, Weighted)]
        self.squared_loss = network["loss"] == "squared"
        self.training_set_size = description["training_set_size"]

    def spd_parameters(self):
        named = {}
        for layer in self.weighted:
            named.update(layer.spd_parameters())
        return named

    def data_loss(self, x, y):
        """The batch mean of the declared loss: softmax cross-entropy, or (1/2B) sum ||y - yhat||^2."""
        out = x
        for layer in self.layers:
            out = layer(out)
        if self.squared_loss:
            return 0.5 * ((out - y) ** 2).sum() / x.shape[0]
        return F.cross_entropy(out, y)

    def step_loss(self, x, y, ctx):
        """Draws the step's random numbers, then returns (data loss, data loss + the rules' penalties)."""
        for layer in self.weighted:
            layer.rule.before_step(layer, ctx)
        data = self.data_loss(x, y)
        total = data
        for layer in self.weighted:
            term = layer.rule.penalty(layer, ctx)
            if term is not None:
                total = total + term
        return data, total

    def prepare(self, ctx):
        for layer in self.weighted:
            layer.rule.prepare(layer, ctx)

    @torch.no_grad()
    def after_update(self, ctx):
        for layer in self.weighted:
            layer.rule.after_update(layer, ctx)

    def reported_penalty(self, ctx):
        return sum(layer.rule.reported_penalty(layer, ctx) for layer in self.weighted)


class StepContext:
    """What a rule may know about the step: numbers, the optimizer's step sizes and, to replay, spd's draws."""

    def __init__(self, training_set_size, steps_per_epoch, optimizer, draws=None):
        self.training_set_size = training_set_size
        self.steps_per_epoch = steps_per_epoch
        self.optimizer = optimizer
        self.draws = draws
        self.global_step = 0
        self.lr = 0.0

    def replay(self, layer, name):
        """A recorded weight-shaped draw of spd in PyTorch's layout (spd stores dense weights inputs x outputs)."""
        draw = self.draws[f"{layer.name}.{name}"]
        return draw.T.contiguous() if draw.dim() == 2 else draw

    def replay_batch(self, layer, name):
        """A recorded draw per example and output unit (no transpose)."""
        return self.draws[f"{layer.name}.{name}"]

    def adam_step_size(self, parameter):
        """lr / (sqrt(v_hat) + eps) with Adam's bias-corrected second moment after its last step."""
        group = self.optimizer.param_groups[0]
        state = self.optimizer.state[parameter]
        beta2 = group["betas"][1]
        step = float(state["step"])
        v_hat = state["exp_avg_sq"] / (1 - beta2 ** step)
        return group["lr"] / (torch.sqrt(v_hat) + group["eps"])


def optimizer_for(description, parameters, fused=None):
    spec = description["training"]["optimizer"]
    if spec["kind"] == "adam":
        return torch.optim.Adam(parameters, lr=spec["lr"], betas=tuple(spec["betas"]), eps=spec["eps"], fused=fused)
    return torch.optim.SGD(parameters, lr=spec["lr"])

"""PyTorch as the reference of weight decay, AdamW, warmup and clipping (issue 22).

Imported by tests/test_practice_torch.py, and run by it as a script with
``ATEN_CPU_CAPABILITY=default`` (no fused multiply-adds; see torch_reference.py):
it writes PyTorch's and gdbook's iterates of every case to an ``.npz`` file.
"""

from __future__ import annotations

import sys

import numpy as np
import torch_reference

import gdbook
from gdbook import optimizers

STEPS = 60

#: The weight-decay cases, compared on torch_reference's random quadratics.
DECAY_OPTIMIZERS = {
    "sgd-wd": optimizers.sgd(0.1, weight_decay=0.3),
    "momentum-wd": optimizers.momentum(0.05, momentum=0.9, weight_decay=0.2),
    "nesterov-wd": optimizers.momentum(
        0.05, momentum=0.8, nesterov=True, weight_decay=0.5
    ),
    "adam-wd": optimizers.adam(0.02, weight_decay=0.1),
    "adamw": optimizers.adamw(0.02, weight_decay=0.1),
    "adamw-default": optimizers.adamw(0.05),
}
#: Rules whose every operation is PyTorch's, in its order: bit-equal without FMA.
BIT_EQUAL = {"sgd-wd", "momentum-wd", "nesterov-wd"}


def cases():
    """``(label, optimizer, grad, x0)`` for every comparison."""
    for name, opt in DECAY_OPTIMIZERS.items():
        for seed in torch_reference.SEEDS:
            for shape in torch_reference.SHAPES:
                grad, x0 = torch_reference.random_quadratic(seed, shape)
                yield f"{name}/quadratic/{seed}/{shape}", opt, grad, x0
    start = np.array([-1.2, 1.0])
    yield (
        "adamw/rosenbrock",
        optimizers.adamw(0.01, weight_decay=0.05),
        (gdbook.rosenbrock.grad),
        start,
    )


def torch_optimizer(torch, opt, params):
    """``torch.optim``'s optimizer with ``opt``'s hyperparameters, single-tensor."""
    if opt.name == "adamw":
        return torch.optim.AdamW(params, foreach=False, **opt.hyperparameters)
    return torch_reference.torch_optimizer(torch, opt, params)


def torch_iterates(torch, opt, grad, x0, steps=STEPS, clip_norm=None) -> np.ndarray:
    """PyTorch's run, the gradient clipped by ``clip_grad_norm_`` when asked."""
    param = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    optimizer = torch_optimizer(torch, opt, [param])
    xs = [param.detach().numpy().copy()]
    for _ in range(steps):
        param.grad = torch.from_numpy(grad(param.detach().numpy().copy()))
        if clip_norm is not None:
            torch.nn.utils.clip_grad_norm_([param], clip_norm, foreach=False)
        optimizer.step()
        xs.append(param.detach().numpy().copy())
    return np.array(xs)


def gdbook_iterates(opt, grad, x0, steps=STEPS, clip_norm=None) -> np.ndarray:
    return gdbook.gradient_descent(
        grad, x0, steps=steps, optimizer=opt, clip_norm=clip_norm
    ).xs


def main(path: str) -> None:
    import torch

    results = {}
    for label, opt, grad, x0 in cases():
        results[f"torch:{label}"] = torch_iterates(torch, opt, grad, x0)
        results[f"gdbook:{label}"] = gdbook_iterates(opt, grad, x0)
    results["capability"] = np.array(torch.backends.cpu.get_cpu_capability())
    np.savez(path, **results)


if __name__ == "__main__":
    main(sys.argv[1])

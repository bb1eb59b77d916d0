"""PyTorch as the reference of gdbook.optimizers: the same runs, step by step.

Imported by tests/test_optimizers.py, and run by it as a script in a fresh
interpreter with ``ATEN_CPU_CAPABILITY=default``: PyTorch then uses its kernels
compiled for the x86-64 baseline, which have no fused multiply-add, so that every
multiplication and addition is rounded on its own, as in numpy. The script writes
the iterates of every case (PyTorch's, gdbook's, and gdbook's with PyTorch's square
root) to an ``.npz`` file.
"""

from __future__ import annotations

import sys

import numpy as np

import gdbook
from gdbook import optimizers

STEPS = 60
SEEDS = (0, 1, 2)
# Sizes on both sides of the vector widths (4 and 8 doubles), so that PyTorch's
# vectorised loops and their scalar tails are both exercised.
SHAPES = ((2,), (3, 4), (17,))

#: The optimizers compared on the random quadratics. Their runs are stable: a
#: difference in the last bit of one step stays of that size.
QUADRATIC_OPTIMIZERS = {
    "sgd": optimizers.sgd(0.1),
    "momentum": optimizers.momentum(0.05, momentum=0.9),
    "nesterov": optimizers.momentum(0.05, momentum=0.8, nesterov=True),
    "adagrad": optimizers.adagrad(0.5),
    "rmsprop": optimizers.rmsprop(0.01),
    "adam": optimizers.adam(0.02),
    # beta1 = 0.5: torch.lerp computes the mean from its other end
    "adam-betas": optimizers.adam(0.01, betas=(0.5, 0.9), eps=1e-6),
}
#: Runs that are not stable: RMSprop and Adam with short memories make nearly
#: sign-sized steps that hop around the minimum, and a last-bit difference grows
#: (to 1e-7 relative for RMSprop here). Only the exact comparison can use them.
SENSITIVE_OPTIMIZERS = {
    "rmsprop-sensitive": optimizers.rmsprop(0.01, alpha=0.9),
    "adam-sensitive": optimizers.adam(0.02, betas=(0.3, 0.6)),
}
ROSENBROCK_OPTIMIZERS = {
    "sgd": optimizers.sgd(1e-3),
    "momentum": optimizers.momentum(2e-4, momentum=0.9),
    "nesterov": optimizers.momentum(2e-4, momentum=0.9, nesterov=True),
    "adagrad": optimizers.adagrad(0.1),
    "rmsprop": optimizers.rmsprop(1e-3),
    "adam": optimizers.adam(0.01),
}


def random_quadratic(seed: int, shape: tuple[int, ...]):
    """``0.5 x^T A x - b^T x`` with a random SPD ``A`` (eigenvalues in [0.5, 5])."""
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape))
    q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    a = (q * rng.uniform(0.5, 5.0, size=n)) @ q.T
    a = (a + a.T) / 2
    b = rng.normal(size=n)

    def grad(x):
        # A x - b as a sum of columns: elementwise operations only, so the same
        # point gives the same bits in any process (a BLAS product need not).
        flat = np.asarray(x).reshape(-1)
        out = -b
        for j in range(n):
            out = out + a[:, j] * flat[j]
        return out.reshape(shape)

    return grad, rng.normal(size=shape)


def cases(sensitive: bool = False):
    """Every comparison: ``(label, optimizer, grad, x0)``; the sensitive runs too
    when asked."""
    chosen = {**QUADRATIC_OPTIMIZERS, **(SENSITIVE_OPTIMIZERS if sensitive else {})}
    for name, opt in chosen.items():
        for seed in SEEDS:
            for shape in SHAPES:
                grad, x0 = random_quadratic(seed, shape)
                yield f"{name}/quadratic/{seed}/{shape}", opt, grad, x0
    start = np.array([-1.2, 1.0])
    for name, opt in ROSENBROCK_OPTIMIZERS.items():
        yield f"{name}/rosenbrock", opt, gdbook.rosenbrock.grad, start


def torch_optimizer(torch, opt: optimizers.Optimizer, params):
    """The ``torch.optim`` optimizer with ``opt``'s hyperparameters, single-tensor."""
    classes = {
        "sgd": torch.optim.SGD,
        "momentum": torch.optim.SGD,
        "adagrad": torch.optim.Adagrad,
        "rmsprop": torch.optim.RMSprop,
        "adam": torch.optim.Adam,
    }
    return classes[opt.name](params, foreach=False, **opt.hyperparameters)


def torch_iterates(torch, opt, grad, x0, steps=STEPS) -> np.ndarray:
    """PyTorch's run: the gradient at each point handed to ``opt.step()``."""
    param = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    optimizer = torch_optimizer(torch, opt, [param])
    xs = [param.detach().numpy().copy()]
    for _ in range(steps):
        param.grad = torch.from_numpy(grad(param.detach().numpy().copy()))
        optimizer.step()
        xs.append(param.detach().numpy().copy())
    return np.array(xs)


def gdbook_iterates(opt, grad, x0, steps=STEPS) -> np.ndarray:
    return gdbook.gradient_descent(grad, x0, steps=steps, optimizer=opt).xs


class NumpyWithTorchSqrt:
    """numpy, except that ``sqrt`` is PyTorch's.

    PyTorch's float64 square root on the CPU is faithful rather than correctly
    rounded: about one result in a hundred is the other neighbour of the exact
    root. Handing it to gdbook.optimizers shows that this is the only difference.
    """

    def __init__(self, torch):
        self._torch = torch

    def __getattr__(self, name):
        return getattr(np, name)

    def sqrt(self, x):
        return self._torch.sqrt(self._torch.as_tensor(x)).numpy()


def baseline_iterates(script: str, path) -> dict:
    """Run ``script`` (this file, or another reference) in a fresh interpreter with
    PyTorch's baseline kernels; its iterates, by case. Fails the test if it fails."""
    import os
    import subprocess

    import pytest

    result = subprocess.run(
        [sys.executable, script, str(path)],
        env={**os.environ, "ATEN_CPU_CAPABILITY": "default"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"{script} failed:\n{result.stderr}")
    with np.load(path) as data:
        iterates = {key: data[key] for key in data.files}
    assert str(iterates.pop("capability")) == "DEFAULT"
    return iterates


def main(path: str) -> None:
    import torch

    results = {}
    for label, opt, grad, x0 in cases(sensitive=True):
        results[f"torch:{label}"] = torch_iterates(torch, opt, grad, x0)
        results[f"gdbook:{label}"] = gdbook_iterates(opt, grad, x0)
    optimizers.np = NumpyWithTorchSqrt(torch)
    try:
        for label, opt, grad, x0 in cases(sensitive=True):
            results[f"torch-sqrt:{label}"] = gdbook_iterates(opt, grad, x0)
    finally:
        optimizers.np = np
    results["capability"] = np.array(torch.backends.cpu.get_cpu_capability())
    np.savez(path, **results)


if __name__ == "__main__":
    main(sys.argv[1])


def relative_difference(ours: np.ndarray, theirs: np.ndarray) -> float:
    """Largest difference over a run, relative to the largest coordinate."""
    return float(np.max(np.abs(ours - theirs)) / np.max(np.abs(theirs)))

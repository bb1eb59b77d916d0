"""gdbook: derivatives, gradients, gradient descent, SGD and backpropagation. Results
keep their whole history; :mod:`gdbook.plot` draws them (alone importing matplotlib)."""

from gdbook import (
    calculus,
    datasets,
    descent,
    linear,
    losses,
    networks,
    optimizers,
    schedules,
    testfunctions,
)
from gdbook.calculus import *  # noqa: F403
from gdbook.datasets import *  # noqa: F403
from gdbook.descent import *  # noqa: F403
from gdbook.linear import *  # noqa: F403
from gdbook.losses import *  # noqa: F403
from gdbook.networks import *  # noqa: F403
from gdbook.testfunctions import *  # noqa: F403

__version__ = "0.2.0"

# The update rules and the schedules stay in their namespaces (optimizers.adam).
_MODULES = (calculus, datasets, descent, linear, losses, networks, testfunctions)
__all__ = [name for module in _MODULES for name in module.__all__]
__all__ += ["optimizers", "schedules"]

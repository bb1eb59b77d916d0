"""gdbook: derivatives, gradients, gradient descent, SGD and backpropagation. Results
keep their whole history; :mod:`gdbook.plot` draws them (alone importing matplotlib)."""

import sys

from gdbook import optimizers, schedules
from gdbook.calculus import *  # noqa: F403
from gdbook.datasets import *  # noqa: F403
from gdbook.descent import *  # noqa: F403
from gdbook.linear import *  # noqa: F403
from gdbook.losses import *  # noqa: F403
from gdbook.networks import *  # noqa: F403
from gdbook.testfunctions import *  # noqa: F403

__version__ = "0.2.0"

# The star-imported modules' names; the update rules and the schedules stay in their
# namespaces (optimizers.adam).
_PARTS = "calculus datasets descent linear losses networks testfunctions".split()
__all__ = [n for part in _PARTS for n in sys.modules[f"gdbook.{part}"].__all__]
__all__ += ["optimizers", "schedules"]

"""gdbook: derivatives, gradients, gradient descent, SGD and backpropagation.

The package behind the gdbook tutorial site. The algorithms return result objects
with their whole history; :mod:`gdbook.plot` draws from them (and is the only module
that imports matplotlib, so ``import gdbook`` stays light).

Examples
--------
>>> import gdbook
>>> print(gdbook.numerical_gradient(lambda x: x[0]**2 + x[1]**2, [3, 4]))
[6. 8.]
"""

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

# Each module lists its public names in its own ``__all__``; the package re-exports
# them all, so adding a public function means touching one module only. The update
# rules and the learning-rate schedules stay in their namespaces:
# ``gdbook.optimizers.adam``, ``gdbook.schedules.cosine``.
__all__ = [
    *calculus.__all__,
    *datasets.__all__,
    *descent.__all__,
    *linear.__all__,
    *losses.__all__,
    *networks.__all__,
    *testfunctions.__all__,
    "optimizers",
    "schedules",
]
